/**
 * A Jira sandbox holding a generated site, in a process of its own, so a bench measuring the
 * app's memory (the report) measures the app alone, not the site and the server answering it.
 * Prints one line `SANDBOX {"url", "stats"}` once listening; stops when its parent closes stdin.
 *   node --import tsx test/bench/sandbox-process.ts --size=10000
 */
import { join } from 'node:path';
import { startSandbox } from '../../local/jira/server';
import { benchArgs } from './child';
import { benchSite } from './host';
import { oracleNumbers, type OracleNumbers, type OraclePeriod } from './oracle';

export interface SandboxStats {
  /** Sprints per board id. */
  sprintsByBoard: Record<string, number>;
  boardsByProject: Record<string, number[]>;
  /** Issue keys with more than 20 worklogs (Jira embeds at most 20 in a search page). */
  manyWorklogs: string[];
  /** The brute-force numbers (oracle.ts) of the first project's reports, per period name given with --periods. */
  oracle: Record<string, OracleNumbers>;
}

async function main(): Promise<void> {
  const args = benchArgs();
  const site = benchSite(Number(args.size ?? 1000));
  const sandbox = await startSandbox({ site, port: 0, manifestPath: join(__dirname, '..', '..', 'manifest.yml') });
  const stats: SandboxStats = { sprintsByBoard: {}, boardsByProject: {}, manyWorklogs: site.issues.filter((i) => i.worklogs.length > 20).map((i) => i.key), oracle: {} };
  // Counted here, from the site the sandbox serves, so the app's process holds none of it. Nothing
  // happens on a generated site after its `today`, so "now" (an active sprint's end) may be any later instant.
  const periods = JSON.parse(args.periods ?? '{}') as Record<string, OraclePeriod>;
  for (const [name, period] of Object.entries(periods)) stats.oracle[name] = oracleNumbers(site, site.projects[0].key, period, Date.now());
  for (const s of site.sprints) stats.sprintsByBoard[s.boardId] = (stats.sprintsByBoard[s.boardId] ?? 0) + 1;
  for (const p of site.projects) stats.boardsByProject[p.key] = site.boards.filter((b) => b.projectId === p.id).map((b) => b.id);
  process.stdout.write(`SANDBOX ${JSON.stringify({ url: sandbox.url, stats })}\n`);
  const stop = () => void sandbox.close().finally(() => process.exit(0));
  process.stdin.on('end', stop);
  process.stdin.on('close', stop);
  process.stdin.resume();
  process.on('SIGTERM', stop);
}

main().catch((error: unknown) => {
  console.error('bench sandbox failed:', error);
  process.exit(1);
});
