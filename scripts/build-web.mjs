#!/usr/bin/env node
// Builds apps/web into dist/web when its sources changed since the last build (a hash of every
// source file, kept in dist/web/.source-hash), then writes .br and .gz beside each text asset so
// the api sends them precompressed (@fastify/static preCompressed).
import { createHash } from 'node:crypto';
import { existsSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { brotliCompressSync, constants, gzipSync } from 'node:zlib';

const root = join(import.meta.dirname, '..');
const out = join(root, 'dist', 'web');
const inputs = ['apps/web', 'libs/domain/src/fiscal-year.ts', 'package-lock.json', 'node_modules/@digital-go-jp/design-tokens/package.json'];

function files(path) {
  const full = join(root, path);
  if (!statSync(full).isDirectory()) return [path];
  return readdirSync(full).flatMap((name) => (name === 'node_modules' ? [] : files(join(path, name))));
}

const hash = createHash('sha256');
for (const file of inputs.flatMap(files).sort()) hash.update(file).update(readFileSync(join(root, file)));
const sourceHash = hash.digest('hex');
const stamp = join(out, '.source-hash');
if (!process.argv.includes('--force') && existsSync(stamp) && readFileSync(stamp, 'utf8') === sourceHash) {
  console.log('web: dist/web is up to date');
  process.exit(0);
}

const { build } = await import('vite');
await build({ configFile: join(root, 'apps/web/vite.config.mts'), logLevel: 'warn' });
for (const file of files(relative(root, out))) {
  if (!/\.(js|css|html|svg|json|txt)$/.test(file)) continue;
  const body = readFileSync(join(root, file));
  writeFileSync(join(root, `${file}.br`), brotliCompressSync(body, { params: { [constants.BROTLI_PARAM_QUALITY]: 11 } }));
  writeFileSync(join(root, `${file}.gz`), gzipSync(body, { level: 9 }));
}
writeFileSync(stamp, sourceHash);
console.log('web: built dist/web');
