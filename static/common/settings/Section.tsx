/**
 * Layout pieces of the settings form: a titled section saying where its values come from, a card
 * per item of a repeated list (contact, escalation level, meeting), and rows of fields that wrap
 * onto more lines as the page narrows (Jira's settings pages, down to a phone-width window).
 */
import Lozenge from '@atlaskit/lozenge';
import { token } from '@atlaskit/tokens';
import type { ReactNode } from 'react';
import type { SettingsSource } from '../../../src/settings/domain/storedSettings';
import { visuallyHidden } from '../visuallyHidden';

const SOURCE_TEXT: Record<SettingsSource, string> = { 'built-in': 'Built-in default', site: 'Site default', project: 'Set for this project' };

export function Section({ title, description, source, children, headingId }: { title: string; description?: string; source?: SettingsSource; children: ReactNode; headingId?: string }) {
  return (
    <section aria-labelledby={headingId} style={{ marginTop: token('space.400', '32px') }}>
      <div style={{ display: 'flex', alignItems: 'center', flexWrap: 'wrap', gap: token('space.100', '8px'), marginBottom: token('space.100', '8px') }}>
        <h3 id={headingId} style={{ font: token('font.heading.small', '600 16px/20px sans-serif'), color: token('color.text', '#172B4D'), margin: 0 }}>
          {title}
        </h3>
        {source ? <Lozenge appearance={source === 'project' ? 'inprogress' : 'default'}>{SOURCE_TEXT[source]}</Lozenge> : null}
      </div>
      {description ? <p style={{ color: token('color.text.subtle', '#44546F'), margin: `0 0 ${token('space.150', '12px')}` }}>{description}</p> : null}
      {children}
    </section>
  );
}

/** The list that holds item cards; `ordered` where the order means something (the escalation path). */
export function CardList({ ordered, label, children }: { ordered?: boolean; label: string; children: ReactNode }) {
  const style = { listStyle: 'none', margin: `0 0 ${token('space.150', '12px')}`, padding: 0, display: 'grid', gap: token('space.150', '12px') };
  return ordered ? (
    <ol aria-label={label} style={style}>
      {children}
    </ol>
  ) : (
    <ul aria-label={label} style={style}>
      {children}
    </ul>
  );
}

/**
 * One item of a repeated list as a bordered card: a title saying which item ("Contact 2") and what
 * it is (the name typed so far), its actions at the top right, then its fields. The card is a named
 * group, so a screen reader says which item a field belongs to as the person moves into it.
 */
export function ItemCard({ titleId, title, subtitle, actions, children, testId, path }: { titleId: string; title: string; subtitle?: string; actions?: ReactNode; children: ReactNode; testId?: string; path?: string }) {
  return (
    <li>
      <div
        role="group"
        aria-labelledby={titleId}
        data-testid={testId}
        data-field-path={path}
        style={{
          border: `1px solid ${token('color.border', '#091E4224')}`,
          borderRadius: token('radius.medium', '6px'),
          background: token('elevation.surface', '#FFFFFF'),
          padding: `${token('space.150', '12px')} ${token('space.150', '12px')} ${token('space.050', '4px')}`,
        }}
      >
        <div style={{ display: 'flex', alignItems: 'center', justifyContent: 'space-between', flexWrap: 'wrap', gap: token('space.100', '8px'), minHeight: 32, marginBottom: token('space.050', '4px') }}>
          <h4 id={titleId} style={{ font: token('font.heading.xsmall', '600 14px/20px sans-serif'), color: token('color.text', '#172B4D'), margin: 0, minWidth: 0, overflowWrap: 'anywhere' }}>
            {title}
            {subtitle ? (
              <span style={{ fontWeight: 400, color: token('color.text.subtle', '#44546F') }}>
                <span aria-hidden="true"> · </span>
                <span style={visuallyHidden}>, </span>
                {subtitle}
              </span>
            ) : null}
          </h4>
          {actions ? <div style={{ display: 'flex', flexWrap: 'wrap', gap: token('space.050', '4px'), marginLeft: 'auto' }}>{actions}</div> : null}
        </div>
        {children}
      </div>
    </li>
  );
}

/** Fields side by side, wrapping to the next line when there is no room; each child is a `Cell`. */
export function FieldRow({ children }: { children: ReactNode }) {
  return <div style={{ display: 'flex', flexWrap: 'wrap', alignItems: 'flex-start', columnGap: token('space.200', '16px') }}>{children}</div>;
}

/**
 * One field's slot in a `FieldRow`: `basis` is the width it asks for (wide enough for its longest
 * value), `grow` how much of the spare width it takes; on a narrow page it takes the whole line.
 */
export function Cell({ basis, grow = 1, children }: { basis: string; grow?: number; children: ReactNode }) {
  return <div style={{ flex: `${grow} 1 ${basis}`, minWidth: `min(${basis}, 100%)`, maxWidth: '100%' }}>{children}</div>;
}
