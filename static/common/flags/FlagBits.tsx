/**
 * How a red flag looks wherever it shows (issue panel, Red flags page, dashboard gadget): its
 * severity as a Jira lozenge, its category in words, where it came from, and a list item with all
 * of that. Words come from vocabulary.ts (checked against the domain's) so every surface agrees.
 */
import Lozenge from '@atlaskit/lozenge';
import { token } from '@atlaskit/tokens';
import type { ReactNode } from 'react';
import type { RuleId } from '../../../src/flags/domain/flagRules';
import type { FlagCategory, Severity } from '../../../src/flags/domain/redFlags';
import { formatInstant } from '../asks/format';
import { CATEGORY_LABELS, RULE_NAMES, SEVERITY_LABELS } from './vocabulary';

export { SEVERITY_LABELS };

/** Atlaskit Lozenge appearances: grey, yellow, red, bold red. */
const SEVERITY_APPEARANCE: Record<Severity, 'default' | 'moved' | 'removed'> = { low: 'default', medium: 'moved', high: 'removed', critical: 'removed' };

/** The severity as a lozenge that never shrinks in a row (a squeezed lozenge cuts its word to "H…"). */
export function SeverityLozenge({ severity }: { severity: Severity }) {
  return (
    <span style={{ flex: 'none', whiteSpace: 'nowrap' }}>
      <Lozenge appearance={SEVERITY_APPEARANCE[severity]} isBold={severity === 'critical'} maxWidth="none">
        {SEVERITY_LABELS[severity]}
      </Lozenge>
    </span>
  );
}

export function categoryLabel(category: FlagCategory): string {
  return CATEGORY_LABELS[category] ?? category;
}

/** The fields of a flag every surface shows (a team flag or a client's view of one). */
export interface ShownFlag {
  id: string;
  category: FlagCategory;
  severity: Severity;
  note: string;
  clientVisible: boolean;
  source: string;
  raisedBy?: string;
  raisedAt: string;
  resolvedBy?: string;
  resolvedAt?: string;
  resolution?: string;
}

function nameOf(names: Record<string, string>, id: string | undefined): string | null {
  if (!id) return null;
  if (id === 'rule') return 'a rule';
  return names[id] ?? null;
}

/** "Raised by a rule (Schedule slip)", "Raised by Priya Raman": who or what raised the flag. */
export function sourceText(flag: ShownFlag, names: Record<string, string>): string {
  if (flag.source.startsWith('rule:')) {
    const rule = flag.source.slice('rule:'.length) as RuleId;
    return `Raised by a rule (${RULE_NAMES[rule] ?? rule})`;
  }
  const who = nameOf(names, flag.raisedBy);
  return who ? `Raised by ${who}` : 'Raised by the team';
}

const muted = { color: token('color.text.subtle', '#44546F'), font: token('font.body.small', '12px/16px sans-serif') } as const;

/** One flag as a list item; `actions` go under it (e.g. the panel's Resolve button). */
export function FlagItem({ flag, names, actions, headingLevel = 4 }: { flag: ShownFlag; names: Record<string, string>; actions?: ReactNode; headingLevel?: 3 | 4 }) {
  const open = flag.resolvedAt === undefined;
  const Heading = headingLevel === 3 ? 'h3' : 'h4';
  const resolver = nameOf(names, flag.resolvedBy);
  return (
    <li
      data-testid="flag-item"
      data-flag-id={flag.id}
      style={{
        listStyle: 'none',
        padding: token('space.150', '12px'),
        margin: `0 0 ${token('space.100', '8px')}`,
        border: `1px solid ${token('color.border', '#091E4224')}`,
        borderLeft: `4px solid ${open ? (flag.severity === 'low' ? token('color.border.bold', '#758195') : flag.severity === 'medium' ? token('color.border.warning', '#E56910') : token('color.border.danger', '#E2483D')) : token('color.border.success', '#22A06B')}`,
        borderRadius: token('radius.small', '3px'),
        background: open ? token('elevation.surface', '#FFFFFF') : token('color.background.neutral.subtle.hovered', '#F1F2F4'),
      }}
    >
      <div style={{ display: 'flex', alignItems: 'center', gap: token('space.100', '8px'), flexWrap: 'wrap' }}>
        <SeverityLozenge severity={flag.severity} />
        <Heading style={{ margin: 0, font: token('font.heading.xsmall', '600 14px/20px sans-serif'), color: token('color.text', '#172B4D') }}>{categoryLabel(flag.category)}</Heading>
        {open ? null : <Lozenge appearance="success">Resolved</Lozenge>}
        {flag.clientVisible ? <Lozenge appearance="inprogress">Visible to client</Lozenge> : null}
      </div>
      <p style={{ margin: `${token('space.075', '6px')} 0`, whiteSpace: 'pre-wrap', overflowWrap: 'anywhere' }}>{flag.note}</p>
      <p style={{ ...muted, margin: 0 }}>
        {sourceText(flag, names)} · {formatInstant(flag.raisedAt)}
      </p>
      {!open ? (
        <p style={{ ...muted, margin: `${token('space.050', '4px')} 0 0` }}>
          Resolved{resolver ? ` by ${resolver}` : ''} · {formatInstant(flag.resolvedAt!)}
          {flag.resolution ? `: ${flag.resolution}` : ''}
        </p>
      ) : null}
      {actions ? <div style={{ marginTop: token('space.100', '8px') }}>{actions}</div> : null}
    </li>
  );
}
