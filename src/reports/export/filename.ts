/** Export file names: `liaison-<PROJECT>-<audience>-<from>_<to>[-<section or table>].<ext>`. */
import type { ReportModel } from '../domain/model';

export function exportFilename(model: Pick<ReportModel, 'projectKey' | 'audience' | 'period'>, extension: string, part?: string): string {
  const safe = (text: string) => text.replace(/[^A-Za-z0-9_-]+/g, '-');
  return `liaison-${safe(model.projectKey)}-${model.audience}-${model.period.from}_${model.period.to}${part ? `-${safe(part)}` : ''}.${extension}`;
}
