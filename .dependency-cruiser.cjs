/**
 * The import rules of the code (README, "Layout"; checked in `npm test` by
 * test/manifest/dependencies.test.ts through dependency-cruiser's API). Paths are from the repo root.
 * src/ is cut by capability (asks, changes, flags, reports, settings, portal, migration) over a
 * shared src/platform; inside each, layers, lowest first: domain (pure) < jira, store (the only
 * talkers to Jira and Forge storage) < services (what resolvers and events share) < resolvers,
 * events, webtriggers (peers: they never import each other). reports/export renders the report model.
 * src/index.ts and src/registry.ts put the capabilities together; nothing below imports them.
 */
/** A layer folder in any capability (src/<capability>/<name>/). */
const layer = (name) => `^src/[^/]+/${name}/`;
const layers = (...names) => `^src/[^/]+/(${names.join('|')})/`;

module.exports = {
  forbidden: [
    {
      name: 'no-circular',
      severity: 'error',
      comment: 'An import circle: the modules cannot be understood, tested or loaded one without the other.',
      from: { path: '^(src|static|local)/' },
      to: { circular: true },
    },
    {
      name: 'src-stays-inside',
      severity: 'error',
      comment: 'src/ is what Forge deploys: it never imports the local host, the Custom UI apps or the tests.',
      from: { path: '^src/' },
      to: { path: '^(local|static|test|scripts)/' },
    },
    {
      name: 'domain-is-pure',
      severity: 'error',
      comment: 'A domain folder imports only domain folders and libraries such as zod: no Forge, no Jira, no storage, no layer above.',
      from: { path: layer('domain') },
      to: { pathNot: [layer('domain'), '^node_modules/(zod)/'], dependencyTypesNot: ['core'] },
    },
    {
      name: 'jira-store-below-services',
      severity: 'error',
      comment: 'jira/ and store/ folders talk to Jira and storage; they never call up into services, resolvers, events, webtriggers or export.',
      from: { path: layers('jira', 'store') },
      to: { path: layers('services', 'resolvers', 'events', 'webtriggers', 'export') },
    },
    {
      name: 'services-below-entry-points',
      severity: 'error',
      comment: 'A services folder is shared by resolvers and events: it never imports them (nor webtriggers).',
      from: { path: layer('services') },
      to: { path: layers('resolvers', 'events', 'webtriggers') },
    },
    {
      name: 'resolvers-not-events',
      severity: 'error',
      comment: 'Resolvers and events are peers sharing services: a resolver never imports an event handler.',
      from: { path: layer('resolvers') },
      to: { path: layers('events', 'webtriggers') },
    },
    {
      name: 'events-not-resolvers',
      severity: 'error',
      comment: 'Resolvers and events are peers sharing services: an event handler never imports a resolver.',
      from: { path: layers('events', 'webtriggers') },
      to: { path: layer('resolvers') },
    },
    {
      name: 'export-renders-only',
      severity: 'error',
      comment: 'reports/export renders a report model: it reads domain folders only, never Jira, storage or a layer above.',
      from: { path: layer('export') },
      to: { path: layers('jira', 'store', 'services', 'resolvers', 'events', 'webtriggers') },
    },
    {
      name: 'platform-below-capabilities',
      severity: 'error',
      comment: 'src/platform is what every capability uses (Jira client, paging, storage helpers, access, roles, errors, time): it never imports a capability.',
      from: { path: '^src/platform/' },
      to: { path: '^src/', pathNot: '^src/platform/' },
    },
    {
      name: 'composition-root-on-top',
      severity: 'error',
      comment: 'src/index.ts (the handlers) and src/registry.ts (the resolvers) put the capabilities together: only index.ts imports the registry, and nothing imports index.ts.',
      from: { path: '^src/', pathNot: '^src/index\\.ts$' },
      to: { path: '^src/(index|registry)\\.ts$' },
    },
  ],
  options: {
    doNotFollow: { path: 'node_modules' },
    // Type-only imports count: a circle of types is still a circle to read.
    tsPreCompilationDeps: true,
    exclude: { path: ['(^|/)dist/', '(^|/)node_modules/'] },
    enhancedResolveOptions: { extensions: ['.ts', '.tsx', '.js', '.mjs', '.cjs', '.json'] },
    moduleSystems: ['es6', 'cjs'],
  },
};
