/**
 * "Sharing by link" in a project's settings: the switch (saved with the rest of the settings,
 * `sharing.enabled`, off unless a manager turns it on) and, for managers and approvers, the links
 * themselves (ShareLinks.tsx, loaded on demand): make one to a published client report, copy it,
 * revoke it.
 */
import { lazy, Suspense } from 'react';
import type { Sharing } from '../../../src/settings/domain/settings';
import { Section } from '../../common/settings/Section';
import { SettingSwitch } from '../../common/settings/SettingSwitch';
import { Loading } from '../../common/states';

const ShareLinks = lazy(() => import('./ShareLinks').then((m) => ({ default: m.ShareLinks })));

interface Props {
  projectKey: string;
  value: Sharing | undefined;
  /** What is saved now: links can only be made once the switch is saved on. */
  saved: Sharing | undefined;
  readOnly: boolean;
  /** Managers and approvers make and revoke links. */
  canShare: boolean;
  onChange: (value: Sharing) => void;
}

export function SharingSection({ projectKey, value, saved, readOnly, canShare, onChange }: Props) {
  const on = value?.enabled === true;
  return (
    <div data-testid="sharing-section">
      <Section
        title="Sharing by link"
        headingId="sharing-heading"
        description="Client stakeholders without a Jira account can read a published client report through a link that expires and can be revoked. The link shows only that report, as the client portal shows it."
      >
        <SettingSwitch
          label="Let managers and approvers share published client reports by link"
          checked={on}
          saved={saved?.enabled === true}
          readOnly={readOnly}
          pendingNote={on ? 'Save the settings to switch sharing on.' : 'Save the settings to switch sharing off: every link stops working at once.'}
          onChange={(enabled) => onChange({ enabled })}
        />
        {canShare ? (
          <Suspense fallback={<Loading label="Loading share links" />}>
            <ShareLinks projectKey={projectKey} enabled={saved?.enabled === true} />
          </Suspense>
        ) : null}
      </Section>
    </div>
  );
}
