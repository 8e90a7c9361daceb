/** Recent changes to the project's settings (managers), newest first, a page at a time. */
import Button from '@atlaskit/button/new';
import DynamicTable from '@atlaskit/dynamic-table';
import { token } from '@atlaskit/tokens';
import { useState } from 'react';
import type { AuditEntry } from '../../../src/platform/domain/audit';
import { callResolver, type ErrorBody } from '../../common/bridge';
import { ErrorNotice, Loading } from '../../common/states';
import { formatInstant } from '../../common/dates';

/** An audit entry with the actor's display name (null when Jira did not know it). */
type NamedAuditEntry = AuditEntry & { actorName: string | null };

interface AuditAnswer {
  entries: NamedAuditEntry[];
  nextCursor: string | null;
}

export function AuditHistory({ projectKey, version }: { projectKey: string; version: number }) {
  const [entries, setEntries] = useState<NamedAuditEntry[] | null>(null);
  const [cursor, setCursor] = useState<string | null>(null);
  const [loading, setLoading] = useState(false);
  const [error, setError] = useState<ErrorBody | null>(null);
  const [shownForVersion, setShownForVersion] = useState<number | null>(null);

  const load = async (more: boolean) => {
    setLoading(true);
    setError(null);
    const answer = await callResolver<AuditAnswer>('settings.audit', { projectKey, limit: 10, ...(more && cursor ? { cursor } : {}) });
    setLoading(false);
    if (!answer.ok) return setError(answer.error);
    setEntries(more && entries ? [...entries, ...answer.data.entries] : answer.data.entries);
    setCursor(answer.data.nextCursor);
    setShownForVersion(version);
  };

  const stale = entries !== null && shownForVersion !== version;
  return (
    <section aria-labelledby="history-heading" style={{ marginTop: token('space.500', '40px') }}>
      <h3 id="history-heading" style={{ font: token('font.heading.small', '600 16px/20px sans-serif'), margin: `0 0 ${token('space.100', '8px')}` }}>
        Change history
      </h3>
      {entries === null || stale ? (
        <Button onClick={() => void load(false)} isLoading={loading}>
          {stale ? 'Refresh change history' : 'Show recent changes'}
        </Button>
      ) : null}
      {error ? <ErrorNotice error={error} /> : null}
      {loading && entries === null ? <Loading label="Loading history" /> : null}
      {entries !== null ? (
        <div data-testid="audit-table">
          <DynamicTable
            // The "Change history" heading names the table on screen; a visible caption would repeat it.
            label="Recent changes to these settings"
            head={{ cells: [{ key: 'at', content: 'When', width: 22 }, { key: 'actor', content: 'Who', width: 18 }, { key: 'changes', content: 'What changed', width: 60 }] }}
            rows={entries.map((entry, i) => ({
              key: `${entry.at}-${i}`,
              cells: [
                { key: 'at', content: formatInstant(entry.at) },
                { key: 'actor', content: <span title={entry.actor}>{entry.actorName ?? entry.actor}</span> },
                {
                  key: 'changes',
                  content: (
                    <ul style={{ margin: 0, paddingLeft: 16 }}>
                      {entry.detail.changes.map((change, j) => (
                        <li key={j}>{change.summary}</li>
                      ))}
                    </ul>
                  ),
                },
              ],
            }))}
            emptyView={<p>No changes recorded yet.</p>}
          />
          {cursor ? (
            <Button onClick={() => void load(true)} isLoading={loading}>
              Show older changes
            </Button>
          ) : null}
        </div>
      ) : null}
    </section>
  );
}
