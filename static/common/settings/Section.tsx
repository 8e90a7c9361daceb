/** A titled part of the settings form, saying where its values come from. */
import Lozenge from '@atlaskit/lozenge';
import { token } from '@atlaskit/tokens';
import type { ReactNode } from 'react';
import type { SettingsSource } from '../../../src/domain/settings';

const SOURCE_TEXT: Record<SettingsSource, string> = { 'built-in': 'Built-in default', site: 'Site default', project: 'Set for this project' };

export function Section({ title, description, source, children, headingId }: { title: string; description?: string; source?: SettingsSource; children: ReactNode; headingId?: string }) {
  return (
    <section aria-labelledby={headingId} style={{ marginTop: token('space.400', '32px') }}>
      <div style={{ display: 'flex', alignItems: 'center', gap: token('space.100', '8px'), marginBottom: token('space.100', '8px') }}>
        <h3 id={headingId} style={{ font: token('font.heading.small', '600 16px/20px sans-serif'), color: token('color.text', '#172B4D'), margin: 0 }}>
          {title}
        </h3>
        {source ? <Lozenge appearance={source === 'project' ? 'inprogress' : 'default'}>{SOURCE_TEXT[source]}</Lozenge> : null}
      </div>
      {description ? <p style={{ color: token('color.text.subtle', '#44546F'), marginTop: 0 }}>{description}</p> : null}
      {children}
    </section>
  );
}

export const tableStyle = { width: '100%', borderCollapse: 'collapse' as const, marginBottom: token('space.100', '8px') };
export const thStyle = {
  textAlign: 'left' as const,
  font: token('font.body.small', '12px/16px sans-serif'),
  fontWeight: 600,
  color: token('color.text.subtle', '#44546F'),
  padding: `${token('space.050', '4px')} ${token('space.075', '6px')}`,
  borderBottom: `2px solid ${token('color.border', '#091E4224')}`,
};
export const tdStyle = { padding: `${token('space.050', '4px')} ${token('space.075', '6px')}`, verticalAlign: 'top' as const };
