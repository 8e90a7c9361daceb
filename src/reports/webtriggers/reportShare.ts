/**
 * The `report-share` web trigger: answers a share link (`?t=<id>.<signature>`) with the published
 * client report as one self-contained HTML page (src/reports/export/html.ts: no scripts, nothing fetched).
 *
 * Anyone on the internet can call a web trigger, so every check happens here, in this order, and
 * every failure — no or malformed token, bad signature, unknown link, expired, revoked, sharing
 * switched off since, report gone or no longer a published client report, any error — answers the
 * one NOT_FOUND_RESPONSE: a caller cannot tell a revoked link from one that never existed.
 * Nothing is written: a read-only link stays read-only.
 */
import { NOT_FOUND_RESPONSE, REPORT_PAGE_HEADERS, shareState, TOKEN_PARAM, verifyShareToken } from '../domain/shareLink';
import { readReport } from '../store/reportStore';
import { existingSigningKey, readShare } from '../store/shareStore';
import { readProjectSettings } from '../../settings/store/settingsStore';

/** What Forge passes a web trigger function (the parts this one reads). */
export interface WebTriggerRequest {
  method?: string;
  queryParameters?: Record<string, string[] | undefined>;
}

export interface WebTriggerResponse {
  statusCode: number;
  headers: Record<string, string[]>;
  body: string;
}

const notFound = (): WebTriggerResponse => ({ statusCode: NOT_FOUND_RESPONSE.statusCode, headers: { ...NOT_FOUND_RESPONSE.headers }, body: NOT_FOUND_RESPONSE.body });

async function sharedReportPage(request: WebTriggerRequest, now: Date): Promise<string | undefined> {
  if (request.method && request.method !== 'GET') return undefined;
  const token = request.queryParameters?.[TOKEN_PARAM]?.[0];
  const key = await existingSigningKey();
  if (!key) return undefined;
  const id = verifyShareToken(token, key);
  if (!id) return undefined;
  const link = await readShare(id);
  if (!link || shareState(link, now) !== 'active') return undefined;
  const settings = await readProjectSettings(link.projectKey);
  if (settings.stored?.sharing?.enabled !== true) return undefined;
  const report = await readReport(link.projectKey, link.reportId);
  // Only a published snapshot written for the client audience: the model the client portal shows.
  if (!report || report.status !== 'published' || report.audience !== 'client' || report.model.audience !== 'client') return undefined;
  // Loaded here, not at the top: the HTML export renders charts with react-dom (see reportsExport.ts).
  const { reportHtml } = await import('../export/html');
  return reportHtml(report.model);
}

export async function serveSharedReport(request: WebTriggerRequest): Promise<WebTriggerResponse> {
  try {
    const page = await sharedReportPage(request ?? {}, new Date());
    return page === undefined ? notFound() : { statusCode: 200, headers: { ...REPORT_PAGE_HEADERS }, body: page };
  } catch (error) {
    // Logged for the app's developers; the caller sees the same answer as for any dead link.
    console.error('[report-share] failed to serve a shared report:', error instanceof Error ? error.message : error);
    return notFound();
  }
}
