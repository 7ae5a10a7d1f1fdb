/**
 * docs/security.md names, for each finding of issue 19 and each of its items 1–10, the tests that hold
 * it. A name that drifts from its test, or a file that moves, would leave the document saying that
 * something is tested when nothing by that name runs: every file the table names must exist and
 * hold every test name quoted from it.
 */
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

const ROOT = join(__dirname, '..', '..');
const doc = readFileSync(join(ROOT, 'docs/security.md'), 'utf8');

/** The table of the section on issue 19: each row's number and its tests cell. */
function rows(): Array<{ item: string; tests: string }> {
  const start = doc.indexOf('## What issue 19 found');
  const section = doc.slice(start, doc.indexOf('\n## ', start + 1));
  return section
    .split('\n')
    .filter((line) => /^\| \d+ \|/.test(line))
    .map((line) => {
      const cells = line.split(' | ');
      return { item: cells[0].replace('|', '').trim(), tests: cells[cells.length - 1] };
    });
}

/** The files a cell names (`test/…spec.ts`) and, after each, the test names quoted from it (「…」). */
function citations(tests: string): Array<{ file: string; names: string[] }> {
  const found: Array<{ file: string; names: string[] }> = [];
  for (const [, file, name] of tests.matchAll(/`([\w./-]+\.(?:e2e-spec|spec|e2e)\.ts)`|「([^」]+)」/g)) {
    if (file) found.push({ file, names: [] });
    else found[found.length - 1]?.names.push(name);
  }
  return found;
}

describe('docs/security.md, issue 19', () => {
  it('names only tests that exist', () => {
    const table = rows();
    expect(new Set(table.map((r) => r.item))).toEqual(new Set(['1', '2', '3', '4', '5', '6', '7', '8', '9', '10']));
    const missing: string[] = [];
    for (const { item, tests } of table) {
      const cited = citations(tests);
      if (cited.length === 0) missing.push(`item ${item}: no test named (${tests})`);
      for (const { file, names } of cited) {
        if (!existsSync(join(ROOT, file))) {
          missing.push(`item ${item}: ${file} does not exist`);
          continue;
        }
        const source = readFileSync(join(ROOT, file), 'utf8');
        for (const name of names)
          if (!name.split('…').every((part) => source.includes(part)))
            missing.push(`item ${item}: ${file} has no test 「${name}」`);
      }
    }
    expect(missing).toEqual([]);
  });
});
