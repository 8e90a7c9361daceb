/**
 * A page's "Export CSV": the server builds the CSV of what the page shows (its filters applied),
 * the browser downloads it. `exporting` while it runs, `error` when it did not happen.
 */
import { useState } from 'react';
import type { Answer, ErrorBody } from './bridge';
import { downloadCsv } from './download';

/** The file `read` answers: its name and text (null: the server sent none). */
export interface CsvFile {
  filename: string;
  csv: string | null;
}

export function useCsvExport(read: () => Promise<Answer<CsvFile>>): { exporting: boolean; error: ErrorBody | null; run: () => Promise<void> } {
  const [exporting, setExporting] = useState(false);
  const [error, setError] = useState<ErrorBody | null>(null);
  const run = async () => {
    setExporting(true);
    setError(null);
    const answer = await read();
    setExporting(false);
    if (!answer.ok) return setError(answer.error);
    if (answer.data.csv === null) return setError({ code: 'UPSTREAM', message: 'Liaison sent no CSV' });
    downloadCsv(answer.data.filename, answer.data.csv);
  };
  return { exporting, error, run };
}
