/**
 * The import rules of the code (README, "Layout"; checked in `npm test` by
 * test/manifest/dependencies.test.ts through dependency-cruiser's API). Paths are from the repo root.
 * Layers inside src/, lowest first: domain (pure) < jira, store (the only talkers to Jira and Forge
 * storage) < services (what resolvers and events share) < resolvers, events, webtriggers (peers:
 * they never import each other). export/ renders reports from the domain's model.
 */
const layer = (name) => `^src/${name}/`;

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
      comment: 'src/domain imports only src/domain and libraries such as zod: no Forge, no Jira, no storage, no layer above.',
      from: { path: layer('domain') },
      to: { pathNot: [layer('domain'), '^node_modules/(zod)/'], dependencyTypesNot: ['core'] },
    },
    {
      name: 'jira-store-below-services',
      severity: 'error',
      comment: 'src/jira and src/store talk to Jira and storage; they never call up into services, resolvers, events, webtriggers or export.',
      from: { path: '^src/(jira|store)/' },
      to: { path: '^src/(services|resolvers|events|webtriggers|export)/' },
    },
    {
      name: 'services-below-entry-points',
      severity: 'error',
      comment: 'src/services is shared by resolvers and events: it never imports them (nor webtriggers).',
      from: { path: layer('services') },
      to: { path: '^src/(resolvers|events|webtriggers)/' },
    },
    {
      name: 'resolvers-not-events',
      severity: 'error',
      comment: 'Resolvers and events are peers sharing src/services: a resolver never imports an event handler.',
      from: { path: layer('resolvers') },
      to: { path: '^src/(events|webtriggers)/' },
    },
    {
      name: 'events-not-resolvers',
      severity: 'error',
      comment: 'Resolvers and events are peers sharing src/services: an event handler never imports a resolver.',
      from: { path: '^src/(events|webtriggers)/' },
      to: { path: layer('resolvers') },
    },
    {
      name: 'export-renders-only',
      severity: 'error',
      comment: 'src/export renders a report model: it reads the domain only, never Jira, storage or a layer above.',
      from: { path: layer('export') },
      to: { path: '^src/(jira|store|services|resolvers|events|webtriggers)/' },
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
