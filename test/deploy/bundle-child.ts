/**
 * Run by the deploy test in a fresh Node process: the local Forge runtime (test host) serving the
 * handlers from the bundle in argv[2], the handler scenario against the demo sandbox, and its result
 * as JSON in the file argv[3].
 */
import { writeFileSync } from 'node:fs';
import { startTestHost } from '../../local/host/testing';
import { runHandlerScenario } from './handlers';

async function main(): Promise<void> {
  const [bundleDir, out] = process.argv.slice(2);
  if (!bundleDir || !out) throw new Error('usage: bundle-child.ts <bundleDir> <result.json>');
  const host = await startTestHost({ bundleDir });
  try {
    const loaded = Object.keys(require.cache).filter((file) => /[\\/]src[\\/].*\.tsx?$/.test(file));
    const result = await runHandlerScenario(host);
    writeFileSync(out, JSON.stringify({ ...result, sourceFilesLoaded: loaded }));
  } finally {
    await host.close();
  }
}

main().catch((e) => {
  console.error(e instanceof Error ? e.stack : e);
  process.exit(1);
});
