/**
 * Settings of one project: role mapping and communication plan. Managers edit and save; the rest
 * of the team reads; anyone else gets the server's refusal and nothing more.
 */
import Heading from '@atlaskit/heading';
import SectionMessage from '@atlaskit/section-message';
import { token } from '@atlaskit/tokens';
import { showFlag } from '../../common/forge';
import { lazy, Suspense, useState } from 'react';
import type { AppRole } from '../../../src/access/domain/roles';
import type { Settings } from '../../../src/settings/domain/settings';
import type { Section, SettingsSource } from '../../../src/settings/domain/storedSettings';
import { callResolver } from '../../common/bridge';
import { SaveButtons, SaveProblem } from '../../common/SaveBar';
import { SettingsEditor } from '../../common/settings/SettingsEditor';
import { roleName } from '../../common/settings/options';
import { useSettingsDraft } from '../../common/settings/useSettingsDraft';
import { Loading, PagePending } from '../../common/states';
import { AuditHistory } from './AuditHistory';
import { ClientAccessSection } from './ClientAccessSection';
import { RedFlagRulesSection } from './RedFlagRulesSection';
import { RemindersSection } from './RemindersSection';
import { PlanningSection } from './PlanningSection';
import { ReportingSection } from './ReportingSection';
import { SharingSection } from './SharingSection';
import { formatInstant } from '../../common/dates';

// Loaded on demand (managers only): keeps the project page's first load inside its budget.
const ChangeWorkflowSection = lazy(() => import('./ChangeWorkflowSection').then((m) => ({ default: m.ChangeWorkflowSection })));

export interface SettingsView {
  projectKey: string;
  version: number;
  updatedAt: string | null;
  updatedBy: string | null;
  /** The saver's display name; null when Jira did not answer it (then the account id shows). */
  updatedByName: string | null;
  settings: Settings;
  sources: Record<Section, SettingsSource>;
  jiraRoles: string[];
  myRoles: AppRole[];
  clientOverlap: boolean;
  canEdit: boolean;
  overlapWarnings: string[];
}

interface SaveAnswer {
  /** 'queued' when the save switched rules on or off: they run once at once. */
  rulesRun: 'queued' | null;
  warnings: string[];
  version: number;
  updatedAt: string;
  updatedBy: string;
  updatedByName: string | null;
  settings: Settings;
  sources: Record<Section, SettingsSource>;
}

export function SettingsPage({ projectKey }: { projectKey: string }) {
  const { load, draft, setDraft, problem, setProblem, reload: fetchSettings, showSaved } = useSettingsDraft<SettingsView>('settings.get', projectKey);
  const [saving, setSaving] = useState(false);

  if (load.state !== 'loaded') return <PagePending load={load} loadingLabel="Loading settings" onRetry={() => void fetchSettings()} />;
  const { view } = load;
  if (!draft) return null;

  const save = async () => {
    setSaving(true);
    setProblem(null);
    const answer = await callResolver<SaveAnswer>('settings.save', { projectKey, version: view.version, ...draft });
    setSaving(false);
    if (!answer.ok) {
      setProblem(answer.error);
      return;
    }
    showSaved({ ...view, version: answer.data.version, updatedAt: answer.data.updatedAt, updatedBy: answer.data.updatedBy, updatedByName: answer.data.updatedByName, settings: answer.data.settings, sources: answer.data.sources });
    const ran = answer.data.rulesRun === 'queued' ? ' The red flag rules are running now; their flags show on the Red flags page in a moment.' : '';
    showFlag({ id: `liaison-saved-${answer.data.version}`, title: 'Settings saved', description: `Version ${answer.data.version} of the ${projectKey} settings is now in effect.${ran}`, type: 'success', appearance: 'success', isAutoDismiss: true });
    for (const [index, warning] of answer.data.warnings.entries()) {
      showFlag({ id: `liaison-saved-${answer.data.version}-warning-${index}`, title: 'Saved, with a problem', description: warning, type: 'warning', appearance: 'warning', isAutoDismiss: false });
    }
  };

  const fieldErrors = problem?.code === 'VALIDATION' ? problem.fields : undefined;
  return (
    <div data-testid="settings-page">
      <Heading size="large" as="h1">
        Liaison settings
      </Heading>
      <p style={{ color: token('color.text.subtle', '#44546F'), margin: `${token('space.100', '8px')} 0` }} data-testid="settings-meta">
        Project {view.projectKey} · your role: {view.myRoles.map(roleName).join(', ')}
        {view.version > 0 && view.updatedAt ? ` · version ${view.version}, saved ${formatInstant(view.updatedAt)}${view.updatedBy ? ` by ${view.updatedByName ?? view.updatedBy}` : ''}` : ' · following the site defaults (never saved for this project)'}
      </p>
      {view.canEdit ? null : (
        <div data-testid="read-only-notice" style={{ marginBottom: token('space.200', '16px') }}>
          <SectionMessage appearance="information" title="Read only">
            <p>You can see these settings because you work on this project. Only a project manager can change them.</p>
          </SectionMessage>
        </div>
      )}
      {problem ? <SaveProblem error={problem} onReload={() => void fetchSettings()} /> : null}
      <SettingsEditor
        value={draft}
        errors={fieldErrors}
        readOnly={!view.canEdit}
        jiraRoles={view.jiraRoles}
        sources={view.sources}
        overlapWarnings={view.overlapWarnings}
        onChange={setDraft}
      />
      <RedFlagRulesSection
        projectKey={projectKey}
        value={draft.flagThresholds}
        on={draft.redFlagRules?.on ?? false}
        savedOn={view.settings.redFlagRules?.on ?? false}
        saved={view.settings.flagThresholds}
        source={view.sources.flagThresholds}
        errors={fieldErrors}
        readOnly={!view.canEdit}
        onChange={(flagThresholds) => setDraft({ ...draft, flagThresholds })}
        onSwitch={(on) => setDraft({ ...draft, redFlagRules: { on } })}
      />
      <ReportingSection value={draft.reporting} saved={view.settings.reporting} errors={fieldErrors} readOnly={!view.canEdit} onChange={(reporting) => setDraft({ ...draft, reporting })} />
      <RemindersSection projectKey={projectKey} value={draft.reminders} saved={view.settings.reminders} errors={fieldErrors} readOnly={!view.canEdit} onChange={(reminders) => setDraft({ ...draft, reminders })} />
      <PlanningSection value={draft.planning} saved={view.settings.planning} errors={fieldErrors} readOnly={!view.canEdit} onChange={(planning) => setDraft({ ...draft, planning })} />
      <SharingSection
        projectKey={projectKey}
        value={draft.sharing}
        saved={view.settings.sharing}
        readOnly={!view.canEdit}
        canShare={view.myRoles.includes('manager') || view.myRoles.includes('approver')}
        onChange={(sharing) => setDraft({ ...draft, sharing })}
      />
      {view.canEdit ? (
        <SaveButtons saveLabel="Save settings" saving={saving} onSave={() => void save()} onDiscard={() => { setDraft(view.settings); setProblem(null); }} />
      ) : null}
      {/* Read from Jira, not part of the form: what the client role sees through Jira itself. */}
      <ClientAccessSection projectKey={projectKey} />
      {/* Provisioning and the step mapping save on their own (they write Jira at once), apart from the form above. */}
      {view.canEdit ? (
        <Suspense fallback={<Loading label="Loading the change request workflow" />}>
          <ChangeWorkflowSection projectKey={projectKey} />
        </Suspense>
      ) : null}
      {view.canEdit ? <AuditHistory projectKey={projectKey} version={view.version} /> : null}
    </div>
  );
}
