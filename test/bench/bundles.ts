/**
 * Gzipped size of each Custom UI app as the page loads it (entry, its CSS and statically
 * imported chunks; lazy chunks shown apart), measured by the build script's own measurement
 * (scripts/build-static.ts), building into a temporary folder so the apps a running host serves
 * stay as they are. Budget: 250 KB gzipped per app.
 *   node --import tsx test/bench/bundles.ts
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { appNames, appSizes, buildApp, BUDGET_GZIP_BYTES } from '../../scripts/build-static';
import { benchMain } from './child';
import { round, type Figure } from './figures';

benchMain('bundles', async () => {
  const out = mkdtempSync(join(tmpdir(), 'liaison-bench-bundles-'));
  const figures: Figure[] = [];
  try {
    for (const name of appNames()) {
      const { eager, lazy } = appSizes(await buildApp(name, join(out, name)));
      figures.push({
        name: `bundle ${name}: gzip loaded with the page`,
        value: round(eager.gzip / 1024),
        unit: 'KB',
        budget: BUDGET_GZIP_BYTES / 1024,
        note: `raw ${round(eager.raw / 1024)} KB; on-demand chunks ${round(lazy.gzip / 1024)} KB gzip`,
      });
    }
  } finally {
    rmSync(out, { recursive: true, force: true });
  }
  return figures;
});
