/**
 * "Sharing by link" in a project's settings: the switch (saved with the rest of the settings,
 * `sharing.enabled`, off unless a manager turns it on) and, for managers and approvers, the links
 * themselves (ShareLinks.tsx, loaded on demand): make one to a published client report, copy it,
 * revoke it.
 */
import { token } from '@atlaskit/tokens';
import { lazy, Suspense, useId } from 'react';
import type { Sharing } from '../../../src/domain/settings';
import { Section } from '../../common/settings/Section';
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
  const id = useId();
  const on = value?.enabled === true;
  return (
    <div data-testid="sharing-section">
      <Section
        title="Sharing by link"
        headingId="sharing-heading"
        description="Client stakeholders without a Jira account can read a published client report through a link that expires and can be revoked. The link shows only that report, as the client portal shows it."
      >
        <div style={{ display: 'flex', alignItems: 'center', gap: token('space.100', '8px') }}>
          <input
            id={`${id}-enabled`}
            type="checkbox"
            checked={on}
            disabled={readOnly}
            onChange={(event) => onChange({ enabled: event.target.checked })}
            style={{ width: 16, height: 16, accentColor: token('color.background.brand.bold', '#0C66E4') }}
          />
          <label htmlFor={`${id}-enabled`}>Let managers and approvers share published client reports by link</label>
        </div>
        {on !== (saved?.enabled === true) ? (
          <p style={{ color: token('color.text.subtle', '#44546F'), margin: `${token('space.100', '8px')} 0 0` }}>
            {on ? 'Save the settings to switch sharing on.' : 'Save the settings to switch sharing off: every link stops working at once.'}
          </p>
        ) : null}
        {canShare ? (
          <Suspense fallback={<Loading label="Loading share links" />}>
            <ShareLinks projectKey={projectKey} enabled={saved?.enabled === true} />
          </Suspense>
        ) : null}
      </Section>
    </div>
  );
}
