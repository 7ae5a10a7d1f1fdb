/**
 * Top self-time functions of a V8 .cpuprofile (from node --cpu-prof):
 *   node bench/support/summarise-cpuprofile.js /tmp/bench-prof/CPU.*.cpuprofile [top=30]
 * Self time is the time a function was on top of the stack; "total" adds its callees.
 */
const { readFileSync } = require('node:fs');
const { relative } = require('node:path');

const [file, topArg] = process.argv.slice(2);
const top = Number(topArg ?? 30);
const profile = JSON.parse(readFileSync(file, 'utf8'));
const byId = new Map(profile.nodes.map((n) => [n.id, n]));
const parent = new Map();
for (const n of profile.nodes) for (const c of n.children ?? []) parent.set(c, n.id);

const selfMicros = new Map();
const deltas = profile.timeDeltas;
for (let i = 0; i < profile.samples.length; i++)
  selfMicros.set(profile.samples[i], (selfMicros.get(profile.samples[i]) ?? 0) + (deltas[i] ?? 0));
const totalMicros = [...selfMicros.values()].reduce((a, b) => a + b, 0);

const root = process.cwd();
const nameOf = (n) => {
  const f = n.callFrame;
  const url = f.url ? relative(root, f.url.replace('file://', '')) : '';
  return `${f.functionName || '(anonymous)'} ${url ? `${url}:${f.lineNumber + 1}` : ''}`.trim();
};

const self = new Map();
const total = new Map();
for (const [id, micros] of selfMicros) {
  const name = nameOf(byId.get(id));
  self.set(name, (self.get(name) ?? 0) + micros);
  const seen = new Set();
  for (let at = id; at !== undefined; at = parent.get(at)) {
    const n = nameOf(byId.get(at));
    if (seen.has(n)) continue;
    seen.add(n);
    total.set(n, (total.get(n) ?? 0) + micros);
  }
}
const pct = (m) => `${((100 * m) / totalMicros).toFixed(1).padStart(5)}%`;
console.log(`${file}: ${(totalMicros / 1e6).toFixed(1)} s sampled\n\ntop self time:`);
for (const [name, m] of [...self].sort((a, b) => b[1] - a[1]).slice(0, top)) console.log(`${pct(m)}  ${name}`);
console.log('\ntop total time (our code: apps/, libs/):');
for (const [name, m] of [...total]
  .filter(([n]) => / (apps|libs)\//.test(n))
  .sort((a, b) => b[1] - a[1])
  .slice(0, top))
  console.log(`${pct(m)}  ${name}`);
