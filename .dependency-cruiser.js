/**
 * Layer rules, checked by `npm run lint:layers` (part of `npm test`):
 *   libs/domain  — the sheet's rules: no framework, no I/O, nothing but itself;
 *   libs/*       — shared building blocks (infrastructure, stores, read models): never an app;
 *   apps/*       — processes (api, worker): each composes libs and never reaches into another app.
 * A violation names the rule and both files; move the shared piece into a lib instead of importing across.
 */
/** @type {import('dependency-cruiser').IConfiguration} */
module.exports = {
  forbidden: [
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
