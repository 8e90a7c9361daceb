/**
 * Share links (managers and approvers): make a link to a published client report for a number of
 * days, copy it, see each link's state, revoke one. Shown under the published report itself (its
 * own links, `report` given) and, for the whole project, in Settings. What the server answers is
 * all this shows (shares.list / shares.create / shares.revoke; reports.list for the reports to pick).
 */
import Button from '@atlaskit/button/new';
import Lozenge from '@atlaskit/lozenge';
import { token } from '@atlaskit/tokens';
import { useCallback, useEffect, useId, useState } from 'react';
import type { ShareLinkView } from '../../../src/reports/resolvers/shares';
import { callResolver, type ErrorBody } from '../../common/bridge';
import { showFlag } from '../../common/forge';
import { periodText, type ReportSummary } from '../../common/reports/api';
import { ErrorNotice, Loading } from '../../common/states';
import { visuallyHidden } from '../../common/visuallyHidden';
import { formatInstant } from '../../common/dates';
import { useLatestAnswer } from '../../common/latestAnswer';
import { ChoiceSelect } from '../../common/asks/controls';
import { NumberInput } from '../../common/changes/controls';

type Load = { state: 'loading' } | { state: 'failed'; error: ErrorBody } | { state: 'loaded'; enabled: boolean; links: ShareLinkView[]; reports: ReportSummary[] };

const STATE_APPEARANCE = { active: 'success', expired: 'default', revoked: 'removed' } as const;
const STATE_LABEL = { active: 'Working', expired: 'Expired', revoked: 'Revoked' } as const;
const subtle = { color: token('color.text.subtle', '#44546F') } as const;
const cell = { padding: `${token('space.075', '6px')} ${token('space.100', '8px')}`, borderBottom: `1px solid ${token('color.border', '#091E4224')}`, textAlign: 'left' as const, verticalAlign: 'top' as const };

async function copy(url: string): Promise<void> {
  try {
    await navigator.clipboard.writeText(url);
    showFlag({ id: `liaison-copied-${Date.now()}`, title: 'Link copied', type: 'success', appearance: 'success', isAutoDismiss: true });
  } catch {
    showFlag({ id: `liaison-copy-${Date.now()}`, title: 'Copy the link by hand', description: 'The browser did not allow copying: select the link and copy it.', type: 'info', appearance: 'info', isAutoDismiss: true });
  }
}

/** One published client report whose links are managed here (on the Reports page). */
export interface SharedReport {
  id: string;
  period: ReportSummary['period'];
}

export function ShareLinks({ projectKey, enabled: enabledProp, report }: { projectKey: string; enabled?: boolean; report?: SharedReport }) {
  const id = useId();
  const [load, setLoad] = useState<Load>({ state: 'loading' });
  const [reportId, setReportId] = useState('');
  const [days, setDays] = useState('14');
  const [busy, setBusy] = useState(false);
  const [problem, setProblem] = useState<ErrorBody | null>(null);
  const [made, setMade] = useState<{ url: string; expiresAt: string } | null>(null);

  // Reads overlap (the settings save and a new link each start one); only the latest may set the list,
  // or an older answer, arriving last, would hide the link just made.
  const latest = useLatestAnswer();
  const fetchAll = useCallback(async () => {
    const turn = latest.read();
    const [links, reports] = await Promise.all([
      callResolver<{ enabled: boolean; links: ShareLinkView[] }>('shares.list', { projectKey, ...(report ? { reportId: report.id } : {}) }),
      report ? Promise.resolve(null) : callResolver<{ snapshots: ReportSummary[] }>('reports.list', { projectKey }),
    ]);
    if (!turn.claim()) return;
    if (!links.ok) return setLoad({ state: 'failed', error: links.error });
    const published = report ? [] : reports?.ok ? reports.data.snapshots.filter((r) => r.status === 'published' && r.audience === 'client') : [];
    setLoad({ state: 'loaded', enabled: links.data.enabled, links: links.data.links, reports: published });
    setReportId((current) => report?.id ?? (current || published[0]?.id || ''));
  }, [projectKey, report, latest]);
  useEffect(() => {
    void fetchAll();
  }, [fetchAll, enabledProp]);

  if (load.state === 'loading') return <Loading label="Loading share links" />;
  // Under a report, people who may not share (the team) simply see no sharing part.
  if (load.state === 'failed') return report && load.error.code === 'FORBIDDEN' ? null : <ErrorNotice error={load.error} onRetry={() => void fetchAll()} />;
  const enabled = enabledProp ?? load.enabled;

  const create = async () => {
    setBusy(true);
    setProblem(null);
    const answer = await callResolver<{ url: string; expiresAt: string }>('shares.create', { projectKey, reportId, expiresInDays: Number(days) });
    setBusy(false);
    if (!answer.ok) return setProblem(answer.error);
    setMade(answer.data);
    void fetchAll();
  };
  const revoke = async (link: ShareLinkView) => {
    const answer = await callResolver<ShareLinkView>('shares.revoke', { projectKey, id: link.id });
    if (!answer.ok) return setProblem(answer.error);
    showFlag({ id: `liaison-revoked-${link.id}`, title: 'Link revoked', description: 'It now answers "This link is not available".', type: 'success', appearance: 'success', isAutoDismiss: true });
    void fetchAll();
  };

  return (
    <div data-testid="share-links" style={{ marginTop: token('space.200', '16px') }}>
      <h4 style={{ font: token('font.heading.xsmall', '600 14px/16px sans-serif'), margin: `0 0 ${token('space.100', '8px')}` }}>{report ? 'Share this report by link' : 'Share a published client report'}</h4>
      {!enabled ? (
        <p style={subtle}>{report ? 'Sharing by link is off for this project: a manager can switch it on in Settings.' : 'Switch sharing on and save the settings to make links.'}</p>
      ) : !report && load.reports.length === 0 ? (
        <p style={subtle}>No client report is published yet. Publish one from the Reports page, then share it there.</p>
      ) : (
        <div style={{ display: 'flex', flexWrap: 'wrap', alignItems: 'flex-end', gap: token('space.150', '12px') }}>
          {report ? null : (
            <div style={{ minWidth: 240 }}>
              <ChoiceSelect
                label="Report"
                required
                value={reportId}
                options={load.reports.map((r) => ({ value: r.id, label: `${periodText(r.period)} (published ${formatInstant(r.publishedAt ?? r.generatedAt)})` }))}
                onChange={setReportId}
                error={problem?.fields?.reportId}
              />
            </div>
          )}
          <NumberInput label="Works for (days, 1 to 90)" required value={days} onChange={setDays} min={1} step="1" width={120} error={problem?.fields?.expiresInDays} />
          <div style={{ marginBottom: token('space.150', '12px') }}>
            <Button appearance="primary" isDisabled={busy || !reportId} onClick={() => void create()}>
              {busy ? 'Making the link…' : 'Make link'}
            </Button>
          </div>
        </div>
      )}
      {problem && !problem.fields ? (
        <p role="alert" style={{ color: token('color.text.danger', '#AE2E24') }}>
          {problem.message}
        </p>
      ) : null}
      {made ? (
        <div role="status" style={{ marginTop: token('space.150', '12px'), display: 'flex', flexWrap: 'wrap', gap: token('space.100', '8px'), alignItems: 'center' }}>
          <label htmlFor={`${id}-made`}>New link (works until {formatInstant(made.expiresAt)}):</label>
          <input id={`${id}-made`} readOnly value={made.url} onFocus={(e) => e.currentTarget.select()} style={{ flex: '1 1 260px', minWidth: 0, minHeight: 28 }} />
          <Button onClick={() => void copy(made.url)}>Copy</Button>
        </div>
      ) : null}

      <h4 style={{ font: token('font.heading.xsmall', '600 14px/16px sans-serif'), margin: `${token('space.200', '16px')} 0 ${token('space.100', '8px')}` }}>{report ? 'Links to this report' : 'Links'}</h4>
      {load.links.length === 0 ? (
        <p style={subtle}>No links yet.</p>
      ) : (
        <div style={{ overflowX: 'auto' }}>
          <table style={{ borderCollapse: 'collapse', width: '100%' }}>
            <thead>
              <tr>
                {['Report', 'State', 'Works until', 'Made by', ''].map((h, i) => (
                  <th key={i} scope="col" style={{ ...cell, font: token('font.heading.xxsmall', '600 12px/16px sans-serif'), ...subtle }}>{h || <span style={visuallyHidden}>Actions</span>}</th>
                ))}
              </tr>
            </thead>
            <tbody>
              {load.links.map((link) => (
                <tr key={link.id} data-testid={`share-link-${link.state}`}>
                  <td style={cell}>{periodText(link.period)}</td>
                  <td style={cell}><Lozenge appearance={STATE_APPEARANCE[link.state]}>{STATE_LABEL[link.state]}</Lozenge></td>
                  <td style={cell}>{formatInstant(link.revokedAt ?? link.expiresAt)}</td>
                  <td style={cell}>{link.createdBy.displayName ?? link.createdBy.accountId}</td>
                  <td style={{ ...cell, whiteSpace: 'nowrap' }}>
                    {link.url ? <Button appearance="subtle" onClick={() => void copy(link.url!)}>Copy</Button> : null}
                    {link.state === 'active' ? <Button appearance="subtle" onClick={() => void revoke(link)}>Revoke</Button> : null}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </div>
  );
}
