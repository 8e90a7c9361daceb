/**
 * Site generation at a size: how long `generateSite` takes and the memory it needs (this process's
 * peak RSS), so the 50k benches know what their own figures include.
 *   node --import tsx test/bench/sites.ts --size=50000
 */
import { benchMain, peakRssMB } from './child';
import { round, sizeLabel, type Figure } from './figures';
import { benchSite } from './host';

benchMain('sites', async (args) => {
  const issues = Number(args.size ?? 1000);
  const before = peakRssMB();
  const started = performance.now();
  const site = benchSite(issues);
  const ms = performance.now() - started;
  const label = sizeLabel(issues);
  const worklogs = site.issues.reduce((n, i) => n + i.worklogs.length, 0);
  return [
    { name: `site ${label}: generate`, value: round(ms, 0), unit: 'ms', note: `${site.issues.length} issues, ${site.sprints.length} sprints, ${worklogs} worklogs` },
    { name: `site ${label}: peak memory`, value: round(peakRssMB(), 0), unit: 'MB', note: `process peak RSS (Node alone: ${round(before, 0)} MB)` },
  ] satisfies Figure[];
});
