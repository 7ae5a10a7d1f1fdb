/**
 * What the api loads before it can listen on the embedded default. Packages needed only by some
 * requests or some deployments (the EventStoreDB client; exceljs, pdfkit, nodemailer, jszip) are loaded on
 * first use: each took a measurable part of start-up after kill -9 (bench:scale, "modules").
 * The app module is loaded in a fresh node, as `npm start` does, and its require cache is read.
 */
import { execFileSync } from 'node:child_process';
import { join } from 'node:path';

const root = join(__dirname, '..', '..');

function packagesLoadedBy(entry: string): string[] {
  const script = `
    require(${JSON.stringify(join(root, entry))});
    const loaded = new Set();
    for (const file of Object.keys(require.cache)) {
      const m = /node_modules\\/((?:@[^/]+\\/)?[^/]+)\\//.exec(file);
      if (m) loaded.add(m[1]);
    }
    process.stdout.write(JSON.stringify([...loaded]));
  `;
  const out = execFileSync(process.execPath, ['-r', join(root, 'bench/register.js'), '-e', script], {
    cwd: root,
    encoding: 'utf8',
    timeout: 60_000,
  });
  return JSON.parse(out) as string[];
}

describe('start-up on the embedded default', () => {
  it('loads the api without the EventStoreDB client or the packages of occasional requests', () => {
    const loaded = packagesLoadedBy('apps/api/src/app.module.ts');
    expect(loaded).toEqual(expect.arrayContaining(['@nestjs/core', 'better-sqlite3', 'ioredis']));
    for (const occasional of ['@eventstore/db-client', '@grpc/grpc-js', 'exceljs', 'pdfkit', 'nodemailer', 'jszip'])
      expect(loaded).not.toContain(occasional);
  });
});
