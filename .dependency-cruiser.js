/**
 * Layer rules, checked by `npm run lint:layers` (part of `npm test`):
 *   libs/domain  — the sheet's rules: no framework, no I/O, nothing but itself;
 *   libs/*       — shared building blocks (infrastructure, stores, read models): never an app;
 *   apps/*       — processes (api, worker): each composes libs and never reaches into another app.
 * Inside apps/api, arrows point one way (see docs/architecture.md):
 *   shared/, http/ — the write path, request context, HTTP plumbing: import no feature;
 *   features       — one folder each, in the layers of API_FEATURE_LAYERS: a feature imports only
 *                    shared/, http/ and features of lower layers; what it needs from a higher one it
 *                    declares as a port of its own (e.g. sheets/import-sheet/sheet-organisation.port.ts)
 *                    that the composing module fills in. A new feature folder goes into a layer here.
 * Inside apps/web, a feature (src/features/<a>/) imports no other feature; src/{api,ui,lib} are shared.
 * A violation names the rule and both files; move the shared piece into a lib instead of importing across.
 */

/**
 * apps/api features from the bottom up. Each imports only those of the layers below it. The directory
 * is read by all; auth resolves people through it; sheets and delegations sit on both; goals register
 * on sheets and ask delegations who acts for whom; the rest read what they show.
 */
const API_FEATURE_LAYERS = [
  // 達成度の区分 per year: the organisation's goal rules read it, it reads no feature.
  ['scales'],
  ['organisation'],
  ['auth'],
  ['sheets', 'delegations'],
  ['goals'],
  ['inbox', 'audit', 'admin', 'health', 'live'],
];

const apiFeatureRules = API_FEATURE_LAYERS.map((layer, i) => {
  const below = API_FEATURE_LAYERS.slice(0, i).flat();
  return {
    name: `api-features-point-down-${layer.join('-')}`,
    severity: 'error',
    comment:
      `apps/api/src/{${layer.join(',')}} may import shared/, http/, itself and ${below.join(', ') || 'no other feature'}. ` +
      'What a feature needs from one above it is a port it owns, filled in by the module that composes them.',
    from: { path: `^apps/api/src/(${layer.join('|')})/` },
    to: {
      path: '^apps/api/src/[^/]+/',
      pathNot: [`^apps/api/src/(shared|http|${[...below].join('|') || '$^'})/`, '^apps/api/src/$1/'],
    },
  };
});

/** @type {import('dependency-cruiser').IConfiguration} */
module.exports = {
  forbidden: [
    {
      name: 'api-shared-imports-no-feature',
      severity: 'error',
      comment:
        'apps/api/src/shared and apps/api/src/http are used by every feature: they import none (nor the app ' +
        'module). A piece of a feature they need moves into them, or the feature hands it in.',
      from: { path: '^apps/api/src/(shared|http)/' },
      to: { path: '^apps/api/src/', pathNot: '^apps/api/src/(shared|http)/' },
    },
    ...apiFeatureRules,
    {
      name: 'web-features-import-no-feature',
      // An error since the web data layer (issue 18 item 5) moved what features share into api/ui/lib.
      severity: 'error',
      comment:
        'A web feature (apps/web/src/features/<a>/) imports no other feature: what two share lives in ' +
        'apps/web/src/{api,ui,lib}.',
      from: { path: '^apps/web/src/features/([^/]+)/' },
      to: { path: '^apps/web/src/features/', pathNot: '^apps/web/src/features/$1/' },
    },
    {
      name: 'domain-is-pure',
      severity: 'error',
      comment:
        'libs/domain holds decisions only: no framework (@nestjs, fastify), no I/O (fs, net, http, child_process, ' +
        'databases, Redis, queues), no clock, no other lib. Hand it data; let apps and libs do the I/O.',
      from: { path: '^libs/domain/', pathNot: '\\.spec\\.ts$' },
      to: {
        pathNot: '^libs/domain/',
      },
    },
    {
      name: 'domain-specs-no-io',
      severity: 'error',
      comment: 'Domain tests run on values: no framework and no I/O there either.',
      from: { path: '^libs/domain/.+\\.spec\\.ts$' },
      to: {
        dependencyTypes: ['core'],
        path: '^(fs|net|http|https|http2|child_process|dgram|dns|tls|cluster|worker_threads)$',
      },
    },
    {
      name: 'domain-specs-no-framework',
      severity: 'error',
      comment: 'Domain tests run on values: no framework and no I/O there either.',
      from: { path: '^libs/domain/.+\\.spec\\.ts$' },
      to: {
        path: 'node_modules/(@nestjs|fastify|@fastify|ioredis|bullmq|better-sqlite3|@eventstore|nodemailer)/',
      },
    },
    {
      name: 'libs-never-import-apps',
      severity: 'error',
      comment: 'A lib is shared by the apps; it cannot depend on one of them. Move the piece it needs into a lib.',
      from: { path: '^libs/' },
      to: { path: '^apps/' },
    },
    {
      name: 'apps-never-import-other-apps',
      severity: 'error',
      comment: 'Each app is its own process. What two apps both need lives in a lib (e.g. libs/infrastructure).',
      from: { path: '^apps/([^/]+)/' },
      to: { path: '^apps/', pathNot: '^apps/$1/' },
    },
    {
      name: 'no-circular',
      severity: 'error',
      comment: 'Cycles make start-up order and module boundaries depend on import order.',
      from: {},
      to: { circular: true },
    },
    {
      name: 'not-to-unresolvable',
      severity: 'error',
      comment: 'An import that resolves to nothing (a typo or a missing alias in tsconfig.json paths).',
      from: {},
      to: { couldNotResolve: true },
    },
  ],
  options: {
    doNotFollow: { path: 'node_modules' },
    exclude: { path: '^dist/' },
    tsPreCompilationDeps: true,
    tsConfig: { fileName: 'tsconfig.json' },
    enhancedResolveOptions: { exportsFields: ['exports'], conditionNames: ['require', 'node', 'default'] },
  },
};
