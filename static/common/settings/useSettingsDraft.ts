/**
 * Loading a settings document to edit (the site defaults, or one project's settings): the view as
 * the server answered it, the draft being edited, and the problem the last save met.
 */
import { useCallback, useEffect, useState } from 'react';
import type { Settings } from '../../../src/settings/domain/settings';
import { callResolver, type ErrorBody } from '../bridge';
import { useLatestAnswer } from '../latestAnswer';
import { pageLoadOf, type PageLoad } from '../states';

/**
 * Reads the view from `resolverKey` (with `{ projectKey }` for a project's settings) and starts
 * the draft from its settings; a refused caller gets no draft. `reload` reads both again;
 * `showSaved` shows a save's answer, which no read started before it replaces.
 */
export function useSettingsDraft<View extends { settings: Settings }>(resolverKey: string, projectKey?: string) {
  const [load, setLoad] = useState<PageLoad<View>>({ state: 'loading' });
  const [draft, setDraft] = useState<Settings | null>(null);
  const [problem, setProblem] = useState<ErrorBody | null>(null);

  const latest = useLatestAnswer();

  const reload = useCallback(async () => {
    const turn = latest.read();
    setLoad({ state: 'loading' });
    setProblem(null);
    const answer = await callResolver<View>(resolverKey, projectKey === undefined ? {} : { projectKey });
    if (!turn.claim()) return;
    setLoad(pageLoadOf(answer));
    if (answer.ok) setDraft(answer.data.settings);
    else if (answer.error.code === 'FORBIDDEN') setDraft(null);
  }, [resolverKey, projectKey, latest]);

  const showSaved = useCallback((view: View) => {
    if (!latest.write().claim()) return;
    setLoad({ state: 'loaded', view });
    setDraft(view.settings);
  }, [latest]);

  useEffect(() => {
    void reload();
  }, [reload]);

  return { load, draft, setDraft, problem, setProblem, reload, showSaved };
}
