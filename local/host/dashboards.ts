/**
 * Jira dashboards as the local shell needs them: every person has their own dashboard ("My
 * dashboard", which only they edit, as a dashboard's owner does in Jira) holding one gadget of each
 * `jira:dashboardGadget` module in manifest.yml. A gadget's configuration is what its edit view
 * saved with `view.submit(config)`: Jira keeps it per gadget on its dashboard and hands it back as
 * `extension.gadgetConfiguration`. Kept in memory, and in a JSON file when one is given.
 */
import { existsSync, mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';

export interface GadgetRecord {
  /** Jira's dashboard item id. */
  id: string;
  moduleKey: string;
  /** What the edit view submitted; null until it is configured. */
  config: Record<string, unknown> | null;
  updatedAt?: string;
  updatedBy?: string;
}

export interface DashboardRecord {
  id: string;
  name: string;
  owner: string;
  gadgets: GadgetRecord[];
}

interface StoreFile {
  counters: { dashboard: number; gadget: number };
  dashboards: DashboardRecord[];
}

/** Jira's limit on a dashboard item property value (where Jira keeps a gadget's configuration). */
export const MAX_CONFIG_CHARS = 32_768;

export class DashboardError extends Error {
  constructor(readonly status: 400 | 403 | 404, message: string) {
    super(message);
  }
}

export class DashboardStore {
  private data: StoreFile = { counters: { dashboard: 10000, gadget: 10100 }, dashboards: [] };

  constructor(private readonly opts: { file?: string; gadgetModules: () => string[] }) {
    if (opts.file && existsSync(opts.file)) {
      const parsed = JSON.parse(readFileSync(opts.file, 'utf8')) as Partial<StoreFile>;
      if (parsed && Array.isArray(parsed.dashboards) && parsed.counters) this.data = parsed as StoreFile;
    }
  }

  /** The person's own dashboard, created on first use; gadgets of modules added to the manifest since are added. */
  dashboardOf(accountId: string): DashboardRecord {
    let dashboard = this.data.dashboards.find((d) => d.owner === accountId);
    let changed = false;
    if (!dashboard) {
      dashboard = { id: String(++this.data.counters.dashboard), name: 'My dashboard', owner: accountId, gadgets: [] };
      this.data.dashboards.push(dashboard);
      changed = true;
    }
    for (const moduleKey of this.opts.gadgetModules()) {
      if (dashboard.gadgets.some((g) => g.moduleKey === moduleKey)) continue;
      dashboard.gadgets.push({ id: String(++this.data.counters.gadget), moduleKey, config: null });
      changed = true;
    }
    if (changed) this.persist();
    return dashboard;
  }

  /** A dashboard the person may see: in the local shell, only their own (nobody shares dashboards here). */
  visibleDashboard(dashboardId: string, accountId: string): DashboardRecord {
    const dashboard = this.data.dashboards.find((d) => d.id === dashboardId);
    if (!dashboard || dashboard.owner !== accountId) throw new DashboardError(404, `Dashboard ${dashboardId} does not exist or is not shared with you`);
    return dashboard;
  }

  /** Saves a gadget's configuration, as Jira does when its edit view submits; only the dashboard's owner may. */
  saveConfig(dashboardId: string, gadgetId: string, accountId: string, config: unknown, at: Date = new Date()): GadgetRecord {
    const dashboard = this.data.dashboards.find((d) => d.id === dashboardId);
    if (!dashboard) throw new DashboardError(404, `Dashboard ${dashboardId} does not exist`);
    if (dashboard.owner !== accountId) throw new DashboardError(403, 'Only the owner of this dashboard can configure its gadgets');
    const gadget = dashboard.gadgets.find((g) => g.id === gadgetId);
    if (!gadget) throw new DashboardError(404, `Gadget ${gadgetId} is not on dashboard ${dashboardId}`);
    if (typeof config !== 'object' || config === null || Array.isArray(config)) throw new DashboardError(400, 'A gadget configuration must be a JSON object');
    const text = JSON.stringify(config);
    if (text.length > MAX_CONFIG_CHARS) throw new DashboardError(400, `A gadget configuration cannot be longer than ${MAX_CONFIG_CHARS} characters`);
    gadget.config = JSON.parse(text) as Record<string, unknown>;
    gadget.updatedAt = at.toISOString();
    gadget.updatedBy = accountId;
    this.persist();
    return gadget;
  }

  private persist(): void {
    const file = this.opts.file;
    if (!file) return;
    mkdirSync(dirname(file), { recursive: true });
    // Write then rename, so a crash never leaves half a file behind.
    writeFileSync(`${file}.tmp`, JSON.stringify(this.data, null, 2));
    renameSync(`${file}.tmp`, file);
  }
}
