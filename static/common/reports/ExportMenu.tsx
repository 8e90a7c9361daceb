/**
 * An "Export" menu (Atlaskit dropdown: keyboard and screen-reader ready) for the whole report or
 * one section: PDF, Markdown, HTML, a CSV per table, and optionally a Confluence page. The file
 * is built on the server; while it is being made the trigger shows a spinner and a live message.
 */
import DropdownMenu, { DropdownItem, DropdownItemGroup } from '@atlaskit/dropdown-menu';
import { useState } from 'react';
import type { ReportSection } from '../../../src/reports/domain/model';
import { REPORT_SECTION_TITLES, REPORT_SECTIONS } from '../../../src/reports/domain/model';
import { roomInWindow } from '../visibleRoom';
import { FORMAT_LABELS, SECTION_TABLES, type ExportRequest } from './api';

export function ExportMenu({ section, sections, busy, onExport, onConfluence, testId }: {
  /** The section to export; none: the whole report. */
  section?: ReportSection;
  /** The whole report's sections (its CSV tables are offered; a client report has no hours). */
  sections?: readonly ReportSection[];
  busy: boolean;
  onExport: (request: ExportRequest) => void;
  onConfluence?: () => void;
  testId?: string;
}) {
  const tables = section ? SECTION_TABLES[section] : (sections ?? REPORT_SECTIONS).flatMap((s) => SECTION_TABLES[s]);
  // The accessible names start with the visible text ("Export", "Export section").
  const name = section ? `Export section: ${REPORT_SECTION_TITLES[section]}` : 'Export the report';
  const documentFormats = (['pdf', 'markdown', 'html'] as const).map((format) => ({ format, label: FORMAT_LABELS[format] }));
  // The menu opens on the side of the trigger with more of the window (see roomInWindow: Atlaskit
  // cannot see the window from inside the frame), in compact rows so a whole report's list fits a phone.
  const [open, setOpen] = useState(false);
  const [placement, setPlacement] = useState<'bottom-end' | 'top-end'>('bottom-end');
  const openOnRoomierSide = (trigger: Element | null) => {
    if (!trigger) return setOpen(true);
    void roomInWindow(trigger).then(({ above, below }) => {
      setPlacement(below >= above ? 'bottom-end' : 'top-end');
      setOpen(true);
    });
  };
  return (
    <DropdownMenu
      trigger={section ? 'Export section' : 'Export'}
      label={name}
      menuLabel={`${name}: formats`}
      isLoading={busy}
      shouldRenderToParent
      testId={testId}
      isOpen={open}
      onOpenChange={({ isOpen, event }) => (isOpen ? openOnRoomierSide(event?.target instanceof Element ? event.target.closest('button') : null) : setOpen(false))}
      placement={placement}
      spacing="compact"
    >
      <DropdownItemGroup title={section ? 'This section' : 'Whole report'}>
        {documentFormats.map(({ format, label }) => (
          <DropdownItem key={format} onClick={() => onExport({ format, ...(section ? { section } : {}) })}>
            {label}
          </DropdownItem>
        ))}
        {onConfluence ? <DropdownItem onClick={onConfluence}>Confluence page…</DropdownItem> : null}
      </DropdownItemGroup>
      {tables.length ? (
        <DropdownItemGroup title="CSV tables" hasSeparator>
          {tables.map(({ table, label }) => (
            <DropdownItem key={table} onClick={() => onExport({ format: 'csv', table, ...(section ? { section } : {}) })}>
              {label} (CSV)
            </DropdownItem>
          ))}
        </DropdownItemGroup>
      ) : null}
    </DropdownMenu>
  );
}
