/**
 * A report as people read it: a header (project, period, audience, when it was made), what was
 * left out for the audience, then each section with its heading, its narrative and its body.
 * Shared by the Reports page (which slots in the narrative editors and export menus) and the
 * client portal (read-only).
 */
import SectionMessage from '@atlaskit/section-message';
import { token } from '@atlaskit/tokens';
import type { ReactNode } from 'react';
import { REPORT_SECTION_TITLES, REPORT_SECTIONS, type ReportModel, type ReportSection } from '../../../src/reports/domain/model';
import { formatInstant } from '../asks/format';
import { AUDIENCE_LABELS, periodText } from './api';
import { small, subtle } from './parts';
import { SectionBody } from './ReportSections';

/** The sections the model holds (manpower is absent from a client's model). */
export function sectionsOf(model: ReportModel): ReportSection[] {
  return REPORT_SECTIONS.filter((section) => section !== 'manpower' || model.manpower !== undefined);
}

export function ReportView({ model, siteUrl, narrativeSlot, actionsSlot, afterSlot, headerActions }: {
  model: ReportModel;
  siteUrl: string;
  /** Replaces the narrative shown under a section heading (the Reports page puts an editor there). */
  narrativeSlot?: (section: ReportSection) => ReactNode;
  /** Put beside each section heading (the Reports page puts its export menu there). */
  actionsSlot?: (section: ReportSection) => ReactNode;
  /** Put under a section's body (the Reports page puts the status override there). */
  afterSlot?: (section: ReportSection) => ReactNode;
  headerActions?: ReactNode;
}) {
  const headingId = `report-${model.projectKey}-${model.audience}-${model.period.from}`;
  return (
    <article aria-labelledby={headingId} data-testid="report-view" data-audience={model.audience} style={{ marginTop: token('space.200', '16px') }}>
      <header style={{ display: 'flex', justifyContent: 'space-between', gap: token('space.200', '16px'), alignItems: 'flex-start', flexWrap: 'wrap', borderBottom: `1px solid ${token('color.border', '#091E4224')}`, paddingBottom: token('space.150', '12px') }}>
        <div>
          <h2 id={headingId} style={{ font: token('font.heading.medium', '600 20px/24px sans-serif'), margin: 0 }}>
            {model.projectName} — {AUDIENCE_LABELS[model.audience]} report, {periodText(model.period)}
          </h2>
          <p style={{ ...small, ...subtle, margin: `${token('space.050', '4px')} 0 0` }}>
            {model.projectKey} · generated from Jira {formatInstant(model.generatedAt)}
            {model.timeZone ? ` · dates in ${model.timeZone}` : ''}
          </p>
        </div>
        {headerActions}
      </header>
      {/* A client reads what is there, never a list of what was left out (issue 17). */}
      {model.audience !== 'client' && model.omitted.length ? (
        <div style={{ marginTop: token('space.150', '12px') }} data-testid="report-omitted">
          <SectionMessage appearance="information" title={`Left out of the ${AUDIENCE_LABELS[model.audience].toLowerCase()} report`}>
            <ul style={{ margin: 0, paddingLeft: token('space.250', '20px') }}>
              {model.omitted.map((line) => (
                <li key={line}>{line}</li>
              ))}
            </ul>
          </SectionMessage>
        </div>
      ) : null}
      {sectionsOf(model).map((section) => {
        const id = `${headingId}-${section}`;
        const narrative = model.narrative[section];
        return (
          <section key={section} aria-labelledby={id} data-testid={`report-section-${section}`} style={{ marginTop: token('space.300', '24px') }}>
            <div style={{ display: 'flex', justifyContent: 'space-between', alignItems: 'center', gap: token('space.100', '8px') }}>
              <h3 id={id} style={{ font: token('font.heading.small', '600 16px/20px sans-serif'), margin: 0 }}>
                {REPORT_SECTION_TITLES[section]}
              </h3>
              {actionsSlot?.(section)}
            </div>
            {narrativeSlot ? (
              narrativeSlot(section)
            ) : narrative ? (
              <p data-testid={`narrative-${section}`} style={{ whiteSpace: 'pre-wrap', margin: `${token('space.100', '8px')} 0`, padding: `${token('space.100', '8px')} ${token('space.150', '12px')}`, borderLeft: `3px solid ${token('color.border.brand', '#0C66E4')}`, background: token('color.background.neutral.subtle', 'transparent') }}>
                {narrative}
              </p>
            ) : null}
            <SectionBody section={section} model={model} siteUrl={siteUrl} />
            {afterSlot?.(section)}
          </section>
        );
      })}
    </article>
  );
}
