/**
 * The Jira admin page (Apps > Liaison): the site defaults every project follows until a manager
 * saves the project's own settings. Jira administrators only; anyone else gets the refusal.
 */
import Heading from '@atlaskit/heading';
import { token } from '@atlaskit/tokens';
import { showFlag } from '../../common/forge';
import { useState } from 'react';
import type { Settings } from '../../../src/settings/domain/settings';
import type { Section, SettingsSource } from '../../../src/settings/domain/storedSettings';
import { callResolver } from '../../common/bridge';
import { SaveButtons, SaveProblem } from '../../common/SaveBar';
import { SettingsEditor } from '../../common/settings/SettingsEditor';
import { useSettingsDraft } from '../../common/settings/useSettingsDraft';
import { PagePending } from '../../common/states';
import { formatInstant } from '../../common/dates';

interface DefaultsView {
  version: number;
  updatedAt: string | null;
  updatedBy: string | null;
  settings: Settings;
  sources: Record<Section, SettingsSource>;
  overlapWarnings: string[];
}

export function AdminApp() {
  const { load, draft, setDraft, problem, setProblem, reload: fetchDefaults, showSaved } = useSettingsDraft<DefaultsView>('defaults.get');
  const [saving, setSaving] = useState(false);

  let body;
  if (load.state !== 'loaded') body = <PagePending load={load} loadingLabel="Loading site defaults" onRetry={() => void fetchDefaults()} />;
  else if (draft) {
    const { view } = load;
    const save = async () => {
      setSaving(true);
      setProblem(null);
      const answer = await callResolver<DefaultsView>('defaults.save', { version: view.version, ...draft });
      setSaving(false);
      if (!answer.ok) return setProblem(answer.error);
      showSaved({ ...view, ...answer.data });
      showFlag({ id: `liaison-defaults-${answer.data.version}`, title: 'Site defaults saved', description: 'Projects without their own settings follow them now.', type: 'success', appearance: 'success', isAutoDismiss: true });
    };
    body = (
      <div data-testid="defaults-page">
        <p style={{ color: token('color.text.subtle', '#44546F'), margin: `${token('space.100', '8px')} 0 ${token('space.200', '16px')}` }}>
          Every project follows these defaults until one of its managers saves the project's own Liaison settings.
          {view.version > 0 && view.updatedAt ? ` Version ${view.version}, saved ${formatInstant(view.updatedAt)}.` : ' Not changed yet: these are the built-in defaults.'}
        </p>
        {problem ? <SaveProblem error={problem} onReload={() => void fetchDefaults()} /> : null}
        <SettingsEditor value={draft} errors={problem?.code === 'VALIDATION' ? problem.fields : undefined} sources={view.sources} overlapWarnings={view.overlapWarnings} onChange={setDraft} />
        <SaveButtons saveLabel="Save site defaults" saving={saving} onSave={() => void save()} onDiscard={() => { setDraft(view.settings); setProblem(null); }} />
      </div>
    );
  }

  return (
    <main style={{ padding: token('space.300', '24px'), color: token('color.text', '#172B4D') }}>
      <Heading size="large" as="h1">
        Liaison site defaults
      </Heading>
      {body}
    </main>
  );
}
