/**
 * Loading a settings document to edit (the site defaults, or one project's settings): the view as
 * the server answered it, the draft being edited, and the problem the last save met.
 */
import { useCallback, useEffect, useState } from 'react';
import type { Settings } from '../../../src/settings/domain/settings';
import { callResolver, type ErrorBody } from '../bridge';
import { pageLoadOf, type PageLoad } from '../states';

/**
 * Reads the view from `resolverKey` (with `{ projectKey }` for a project's settings) and starts
 * the draft from its settings; a refused caller gets no draft. `reload` reads both again.
 */
export function useSettingsDraft<View extends { settings: Settings }>(resolverKey: string, projectKey?: string) {
  const [load, setLoad] = useState<PageLoad<View>>({ state: 'loading' });
  const [draft, setDraft] = useState<Settings | null>(null);
  const [problem, setProblem] = useState<ErrorBody | null>(null);

  const reload = useCallback(async () => {
    setLoad({ state: 'loading' });
    setProblem(null);
    const answer = await callResolver<View>(resolverKey, projectKey === undefined ? {} : { projectKey });
    setLoad(pageLoadOf(answer));
    if (answer.ok) setDraft(answer.data.settings);
    else if (answer.error.code === 'FORBIDDEN') setDraft(null);
  }, [resolverKey, projectKey]);

  useEffect(() => {
    void reload();
  }, [reload]);

  return { load, setLoad, draft, setDraft, problem, setProblem, reload };
}
