/**
 * Runs the app's handlers (the exports of `src/index.ts` that manifest.yml names) the way Forge
 * calls them: resolvers with `handler(event, runtimePayload)` as `@forge/resolver` expects,
 * triggers / scheduled triggers / consumers / workflow rules with their Forge event shapes, each
 * inside its own invocation (runtime.ts) so `asUser()`, `getAppContext()` and KVS behave as deployed.
 * `wireSandbox()` makes the sandbox behave like Jira towards the app: transitions call the
 * manifest's validators and post functions, writes fire the subscribed triggers.
 */
import { createHash, randomUUID } from 'node:crypto';
import { join, resolve } from 'node:path';
import type { Sandbox, SandboxEvent, TransitionHookContext } from '../jira/server';
import { APP_ACCOUNT_ID } from '../jira/model';
import { loadManifest, type LoadedManifest, type ManifestFunction, type ModuleBase, type TriggerModule } from './manifest';
import { forgeQueue, requestJiraAs, runAsInvocation, runtimeIds, runtimeSiteUrl, FORGE_INVOCATION_LIMITS, InvocationTimeout, type InvocationLimits } from './runtime';
import type { AsyncEvent } from './queue';

export interface AppHost {
  /** Calls the resolver function behind a manifest module the way Forge does: handler(event, runtime). */
  invoke(opts: { accountId: string; moduleKey: string; functionKey: string; payload?: unknown; extension?: Record<string, unknown> }): Promise<unknown>;
  /** Runs a trigger / scheduled trigger / consumer / workflow rule function by manifest key. */
  runFunction(functionKey: string, event: unknown, opts?: { accountId?: string; moduleKey?: string }): Promise<unknown>;
  manifest: LoadedManifest;
  /** Runs a scheduled trigger now, as its interval would (by module key). */
  fireScheduledTrigger(moduleKey: string): Promise<unknown>;
  /**
   * Calls a `webtrigger` module's function as Forge does for an incoming HTTP request (no user):
   * handler(request, { installContext }); answers its response (statusCode, headers, body).
   */
  runWebtrigger(moduleKey: string, request: WebtriggerRequest): Promise<WebtriggerResponse>;
  /** Delivers a Jira event to the subscribed `trigger` modules (what wireSandbox does for sandbox events). */
  dispatchEvent(event: SandboxEvent): Promise<void>;
  /** Connects the sandbox's transition hooks and write events to the app. Returns an unwire function. */
  wireSandbox(sandbox: Sandbox): () => void;
  /** Resolves once triggers, post functions and queued events started so far have finished. */
  idle(): Promise<void>;
  /** Failures of work nobody awaits (triggers, post functions, consumers), newest last. */
  readonly backgroundErrors: { source: string; message: string; at: string }[];
  /** The Forge resolver/Custom UI `localId` of a module. */
  localId(moduleKey: string): string;
  /** The time limits invocations get (Forge's unless the host was given others; mutable for tests). */
  limits: InvocationLimits;
  /**
   * How long a Jira event waits before its triggers run (ms; mutable). Forge delivers product events
   * asynchronously, documented as up to about 3 minutes late; `idle()` waits for the pending ones.
   */
  eventDelayMs: number;
  /** Jira events received and not yet delivered to their triggers. */
  pendingEvents(): number;
}

export interface AppHostOptions {
  /** manifest.yml to read (default: ./manifest.yml); or an already loaded manifest. */
  manifestPath?: string;
  manifest?: LoadedManifest;
  /** Folder the handler files live in (default: `src` beside manifest.yml). */
  srcDir?: string;
  /** Handler modules by file (`index` -> exports), instead of loading them from srcDir (tests). */
  modules?: Record<string, Record<string, unknown>>;
  /**
   * Serve the handlers from the bundle `npm run package` built with Forge's bundler (`<bundleDir>/<file>.cjs`,
   * what `forge deploy` uploads) instead of the TypeScript in srcDir.
   */
  bundleDir?: string;
  /** The `siteUrl` resolvers see (default: the Jira target's URL; the shell passes its own). */
  siteUrl?: () => string;
  /** Other time limits than Forge's (tests: a resolver "past 25 s" without waiting 25 s). */
  limits?: Partial<InvocationLimits>;
  /** Delay of Jira event delivery to triggers (ms, default 0). */
  eventDelayMs?: number;
}

type Handler = (event: unknown, context?: unknown) => unknown;

/** The request Forge hands a web trigger function (headers and query values are lists). */
export interface WebtriggerRequest {
  method: string;
  path: string;
  body: string;
  headers: Record<string, string[]>;
  queryParameters: Record<string, string[]>;
}

export interface WebtriggerResponse {
  statusCode: number;
  headers: Record<string, string[]>;
  body: string;
}

/** Requires `installForgeRuntime()` first: handlers import `@forge/kvs`, which binds at import. */
export async function createAppHost(opts: AppHostOptions = {}): Promise<AppHost> {
  const manifest = opts.manifest ?? loadManifest(opts.manifestPath ?? 'manifest.yml');
  const srcDir = resolve(opts.srcDir ?? join(manifest.root, 'src'));
  const ids = runtimeIds();
  const installContext = `ari:cloud:jira::site/${ids.cloudId}`;
  const inFlight = new Set<Promise<unknown>>();
  const backgroundErrors: AppHost['backgroundErrors'] = [];
  const warned = new Set<string>();
  let eventsPending = 0;

  const loaded = new Map<string, Record<string, unknown>>();
  function loadFile(file: string): Record<string, unknown> {
    const given = opts.modules?.[file];
    if (given) return given;
    let mod = loaded.get(file);
    if (!mod) {
      // The repo is CommonJS TypeScript run by tsx, so require() loads src/*.ts unchanged; the bundle is CommonJS too.
      mod = require(opts.bundleDir ? join(resolve(opts.bundleDir), `${file}.cjs`) : join(srcDir, file)) as Record<string, unknown>;
      loaded.set(file, mod);
    }
    return mod;
  }
  function handlerOf(fn: ManifestFunction): Handler {
    const mod = loadFile(fn.file);
    const exported = mod[fn.exportName] ?? (mod.default as Record<string, unknown> | undefined)?.[fn.exportName];
    if (typeof exported !== 'function') {
      const where = opts.bundleDir ? `the bundle's ${fn.file}.cjs` : `src/${fn.file}`;
      throw new Error(`Function '${fn.key}' names handler '${fn.handler}', but ${where} exports no function '${fn.exportName}'`);
    }
    return exported as Handler;
  }
  function functionByKey(key: string): ManifestFunction {
    const fn = manifest.functions[key];
    if (!fn) throw new Error(`manifest.yml declares no function '${key}'`);
    return fn;
  }
  // Load every handler up front so a broken export fails at start, not on the first click.
  for (const fn of Object.values(manifest.functions)) handlerOf(fn);

  const localId = (moduleKey: string) => `ari:cloud:ecosystem::extension/${ids.appId}/${ids.environmentId}/static/${moduleKey}`;
  const jsonRoundTrip = (v: unknown) => (v === undefined ? undefined : JSON.parse(JSON.stringify(v)));

  function track<T>(source: string, p: Promise<T>): Promise<T | undefined> {
    const guarded = p.catch((e) => {
      const message = (e as Error)?.message ?? String(e);
      backgroundErrors.push({ source, message, at: new Date().toISOString() });
      console.error(`[liaison host] ${source} failed: ${message}`);
      return undefined;
    });
    inFlight.add(guarded);
    guarded.finally(() => inFlight.delete(guarded));
    return guarded;
  }

  function moduleForFunction(functionKey: string): ModuleBase | undefined {
    const candidates: { key: string; type: string; function?: string }[] = [
      ...manifest.triggers,
      ...manifest.scheduledTriggers,
      ...manifest.consumers,
      ...manifest.webtriggers,
      ...manifest.workflowValidators,
      ...manifest.workflowPostFunctions,
    ];
    const m = candidates.find((c) => c.function === functionKey);
    return m ? manifest.moduleByKey(m.key) : undefined;
  }

  /** A consumer's or scheduled trigger's limit: 55 s, or its `timeoutSeconds` up to 900 s. */
  function asyncBudget(fn: ManifestFunction): number {
    return fn.timeoutSeconds ? Math.min(fn.timeoutSeconds * 1000, host.limits.asyncMaxMs) : host.limits.asyncDefaultMs;
  }
  /** The limit of a function run for a module (the module type decides; `timeoutSeconds` counts only for async modules). */
  function budgetFor(fn: ManifestFunction, module: ModuleBase | undefined): number {
    if (module?.type === 'consumer' || module?.type === 'scheduledTrigger') return asyncBudget(fn);
    if (module?.type === 'webtrigger') return host.limits.webtriggerMs;
    return host.limits.defaultMs;
  }

  const host: AppHost = {
    manifest,
    backgroundErrors,
    localId,
    limits: { ...FORGE_INVOCATION_LIMITS, ...opts.limits },
    eventDelayMs: opts.eventDelayMs ?? 0,
    pendingEvents: () => eventsPending,

    async invoke({ accountId, moduleKey, functionKey, payload, extension }) {
      if (typeof accountId !== 'string' || !accountId) throw new Error('invoke needs the accountId of the calling user');
      if (typeof functionKey !== 'string' || !functionKey) throw new Error('invoke needs a functionKey (the resolver definition to call)');
      const module = manifest.moduleByKey(moduleKey);
      if (!module) throw new Error(`manifest.yml has no module '${moduleKey}'`);
      const resolverKey = (module.raw.resolver as { function?: string } | undefined)?.function;
      if (!resolverKey) throw new Error(`Module '${moduleKey}' declares no resolver function`);
      const handler = handlerOf(functionByKey(resolverKey));
      const event = {
        call: { functionKey, payload: jsonRoundTrip(payload) },
        context: {
          cloudId: ids.cloudId,
          localId: localId(moduleKey),
          moduleKey,
          siteUrl: opts.siteUrl ? opts.siteUrl() : runtimeSiteUrl(),
          environmentId: ids.environmentId,
          environmentType: 'DEVELOPMENT',
          extension: { type: module.type, ...(jsonRoundTrip(extension) ?? {}) },
        },
      };
      const runtimePayload = { principal: { accountId }, installContext };
      const result = await runAsInvocation({ accountId, moduleKey, budgetMs: host.limits.defaultMs }, async () => handler(event, runtimePayload));
      return jsonRoundTrip(result);
    },

    async runFunction(functionKey, event, runOpts = {}) {
      const fn = functionByKey(functionKey);
      const handler = handlerOf(fn);
      const module = runOpts.moduleKey ? manifest.moduleByKey(runOpts.moduleKey) : moduleForFunction(functionKey);
      const moduleKey = module?.key ?? functionKey;
      const budgetMs = budgetFor(fn, module);
      const context = { installContext, ...(runOpts.accountId ? { principal: { accountId: runOpts.accountId } } : {}) };
      const result = await runAsInvocation({ accountId: runOpts.accountId, moduleKey, budgetMs }, async () => handler(jsonRoundTrip(event), context));
      return jsonRoundTrip(result);
    },

    async runWebtrigger(moduleKey, request) {
      const module = manifest.webtriggers.find((w) => w.key === moduleKey);
      if (!module) return { statusCode: 404, headers: { 'Content-Type': ['text/plain'] }, body: `No web trigger '${moduleKey}'` };
      const fn = functionByKey(module.function);
      let result: Partial<WebtriggerResponse> | undefined;
      try {
        result = (await runAsInvocation({ accountId: undefined, moduleKey, budgetMs: host.limits.webtriggerMs }, async () => handlerOf(fn)(jsonRoundTrip(request), { installContext }))) as Partial<WebtriggerResponse> | undefined;
      } catch (error) {
        // Past its limit, Forge answers the caller 424 Failed Dependency (Atlassian's ECO-75).
        if (error instanceof InvocationTimeout) return { statusCode: 424, headers: { 'Content-Type': ['text/plain'] }, body: 'Failed Dependency' };
        throw error;
      }
      // Forge answers 500 when the result is not a response object.
      if (!result || typeof result.statusCode !== 'number') return { statusCode: 500, headers: { 'Content-Type': ['text/plain'] }, body: 'The web trigger did not answer a response' };
      return { statusCode: result.statusCode, headers: result.headers ?? {}, body: typeof result.body === 'string' ? result.body : '' };
    },

    async fireScheduledTrigger(moduleKey) {
      const trigger = manifest.scheduledTriggers.find((t) => t.key === moduleKey);
      if (!trigger) throw new Error(`manifest.yml has no scheduledTrigger '${moduleKey}'`);
      return host.runFunction(trigger.function, { context: { cloudId: ids.cloudId, moduleKey } }, { moduleKey });
    },

    async dispatchEvent(event) {
      const subscribed = manifest.triggers.flatMap((t) => t.events.filter((e) => e.eventType === event.eventType).map((e) => ({ trigger: t, filter: e.filter })));
      if (subscribed.length === 0) return;
      // Forge: an event the app's own API call caused, as the app or as a user, is self-generated.
      const selfGenerated = event.selfGenerated === true || event.atlassianId === APP_ACCOUNT_ID;
      const delivered = subscribed.filter(({ filter }) => !(filter?.ignoreSelf && selfGenerated));
      if (delivered.length === 0) return;
      const payload = { ...(await forgeEventPayload(event)), selfGenerated };
      await Promise.all(
        delivered.map(({ trigger, filter }) => {
          if (filter?.expression) warnOnce(`expr:${trigger.key}`, `trigger '${trigger.key}' has a filter expression; Jira expressions are not evaluated locally, so every event is delivered`);
          return runTrigger(trigger, payload);
        }),
      );
    },

    wireSandbox(sandbox) {
      const previous = { ...sandbox.hooks };
      sandbox.hooks.validateTransition = (ctx) => validateTransition(ctx);
      sandbox.hooks.afterTransition = async (ctx) => {
        // Post functions run after Jira has answered; a failure never undoes the transition.
        void track(`post functions of ${ctx.issueKey}`, runPostFunctions(ctx));
      };
      const onEvent = (e: SandboxEvent) => {
        // Delivered later, as Forge delivers product events; idle() waits for it (it is tracked).
        eventsPending += 1;
        const delivery = new Promise<void>((done) => setTimeout(done, Math.max(0, host.eventDelayMs))).then(() => {
          eventsPending -= 1;
          return host.dispatchEvent(e);
        });
        void track(`trigger for ${e.eventType} on ${e.issueKey}`, delivery);
      };
      sandbox.events.on('event', onEvent);
      return () => {
        sandbox.hooks.validateTransition = previous.validateTransition;
        sandbox.hooks.afterTransition = previous.afterTransition;
        sandbox.events.off('event', onEvent);
      };
    },

    async idle() {
      do {
        await Promise.allSettled([...inFlight]);
        await forgeQueue().idle();
      } while (inFlight.size > 0);
    },
  };

  function warnOnce(id: string, message: string) {
    if (warned.has(id)) return;
    warned.add(id);
    console.warn(`[liaison host] ${message}`);
  }

  function runTrigger(trigger: TriggerModule, payload: Record<string, unknown>) {
    return host.runFunction(trigger.function, payload, { moduleKey: trigger.key });
  }

  async function validateTransition(ctx: TransitionHookContext): Promise<{ result: boolean; errorMessage?: string }> {
    for (const key of ctx.moduleKeys) {
      const rule = manifest.workflowValidators.find((v) => v.key === key);
      if (!rule) continue;
      if (!rule.function) {
        warnOnce(`validator:${key}`, `validator '${key}' is a Jira expression; expressions are not evaluated locally, so it passes`);
        continue;
      }
      // Forge's validator payload (manifest-reference/modules/jira-workflow-validator): the issue key,
      // the rule's configuration (none is configured for this app's rules) and the transition with
      // the fields its screen changed.
      const event = {
        issue: { key: ctx.issueKey },
        configuration: {},
        transition: { from: { id: ctx.transition.from.id }, to: { id: ctx.transition.to.id }, modifiedFields: ctx.modifiedFields ?? {} },
        context: { cloudId: ids.cloudId, moduleKey: key },
      };
      // Validators run without a user (Forge: only asApp() works in them).
      const answer = (await host.runFunction(rule.function, event, { moduleKey: key })) as { result?: unknown; errorMessage?: unknown } | undefined;
      if (answer?.result !== true) {
        const message = typeof answer?.errorMessage === 'string' && answer.errorMessage ? answer.errorMessage : rule.errorMessage ?? `Validator ${rule.name} failed`;
        return { result: false, errorMessage: message };
      }
    }
    return { result: true };
  }

  async function runPostFunctions(ctx: TransitionHookContext): Promise<void> {
    const rules = manifest.workflowPostFunctions.filter((p) => ctx.moduleKeys.includes(p.key) && p.function);
    // The same for every post function of one transition (Forge's `transition.executionId`).
    const executionId = randomUUID();
    await Promise.all(
      rules.map((rule) =>
        track(
          `post function ${rule.key} on ${ctx.issueKey}`,
          host.runFunction(
            rule.function!,
            {
              // Forge's post function event (events-reference/jira, "Run post function event").
              issue: { id: ctx.issueId, key: ctx.issueKey },
              transition: { from: { id: ctx.transition.from.id }, to: { id: ctx.transition.to.id }, transitionId: ctx.transition.id, transitionName: ctx.transition.name, executionId },
              ...(ctx.workflow ? { workflow: { id: ctx.workflow.id, name: ctx.workflow.name } } : {}),
              atlassianId: ctx.accountId,
              ...(ctx.changelog ? { changelog: { id: ctx.changelog.id, items: ctx.changelog.items } } : {}),
              configuration: {},
              postFunction: { id: ruleInstanceId(ctx.workflow?.id ?? '', ctx.transition.id, rule.key) },
              context: { cloudId: ids.cloudId, moduleKey: rule.key },
            },
            { moduleKey: rule.key },
          ),
        ),
      ),
    );
  }

  // Consumers: events pushed with @forge/events reach the consumer of their queue.
  forgeQueue().setDelivery(async (event: AsyncEvent) => {
    const consumer = manifest.consumers.find((c) => c.queue === event.queueName);
    if (!consumer) throw new Error(`No consumer module listens to queue '${event.queueName}'`);
    if (consumer.method) {
      // `resolver: { function, method }`: the function is a @forge/resolver whose `method` gets the body.
      const fn = functionByKey(consumer.function);
      const handler = handlerOf(fn);
      const call = { call: { functionKey: consumer.method, payload: event.body, jobId: event.jobId }, context: { cloudId: ids.cloudId, moduleKey: consumer.key } };
      return runAsInvocation({ moduleKey: consumer.key, budgetMs: asyncBudget(fn) }, async () => handler(call, { installContext }));
    }
    return host.runFunction(consumer.function, event, { moduleKey: consumer.key });
  });

  /** Forge's product event payload, with the issue fields Jira includes, read as the app. */
  async function forgeEventPayload(e: SandboxEvent): Promise<Record<string, unknown>> {
    const issue: Record<string, unknown> = { id: e.issueId, key: e.issueKey };
    if (e.eventType !== 'avi:jira:deleted:issue') {
      const fields = 'summary,issuetype,creator,created,project,reporter,assignee,updated,status';
      const res = await requestJiraAs({ provider: 'app' }, `/rest/api/3/issue/${encodeURIComponent(e.issueId)}?fields=${fields}`, undefined, { platform: true });
      if (res.ok) issue.fields = ((await res.json()) as { fields?: unknown }).fields;
    }
    const payload: Record<string, unknown> = {
      eventType: e.eventType,
      issue,
      atlassianId: e.atlassianId,
      associatedUsers: [{ accountId: e.atlassianId }],
    };
    if ('changelog' in e && e.changelog) payload.changelog = e.changelog;
    if ('commentId' in e) payload.comment = await readAsApp(`/rest/api/3/issue/${encodeURIComponent(e.issueKey)}/comment/${encodeURIComponent(e.commentId)}`, { id: e.commentId });
    if ('worklogId' in e) payload.worklog = await readAsApp(`/rest/api/3/issue/${encodeURIComponent(e.issueKey)}/worklog/${encodeURIComponent(e.worklogId)}`, { id: e.worklogId, issueId: e.issueId });
    if ('propertyKey' in e) payload.property = { key: e.propertyKey };
    return payload;
  }

  async function readAsApp(path: string, fallback: Record<string, unknown>): Promise<Record<string, unknown>> {
    const res = await requestJiraAs({ provider: 'app' }, path, undefined, { platform: true });
    return res.ok ? ((await res.json()) as Record<string, unknown>) : fallback;
  }

  return host;
}

/** A stable id for one post function placed on one transition of one workflow (Forge's rule instance id). */
function ruleInstanceId(workflowId: string, transitionId: string, moduleKey: string): string {
  const h = createHash('sha256').update(`${workflowId}\u0000${transitionId}\u0000${moduleKey}`).digest('hex');
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-4${h.slice(13, 16)}-8${h.slice(17, 20)}-${h.slice(20, 32)}`;
}
