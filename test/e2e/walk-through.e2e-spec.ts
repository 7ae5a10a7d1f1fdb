/**
 * The curl walk-through in docs/walk-through.md and docs/organisation.md, run as written: every ```bash block, in
 * order, in one shell, against the service started on a fresh data folder and free ports. Only the
 * address is changed (the docs say 127.0.0.1:3000). Every request's status is collected from curl
 * itself; a request the docs do not say is refused must answer 2xx, so a route or a body that drifts
 * from the docs fails here.
 */
import { execFile } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ApiProcess, spawnApi, waitUntilReady } from '../support/service-process';

const ROOT = join(__dirname, '..', '..');
/** The walk-through, then the organisation's blocks, which continue it (they use its variables). */
const DOCS = ['walk-through.md', 'organisation.md'].map((name) => join(ROOT, 'docs', name));

/** The shell blocks of a Markdown file, in order. */
function bashBlocks(markdown: string): string[] {
  return [...markdown.matchAll(/```bash\n([\s\S]*?)```/g)].map((m) => m[1]);
}

/** Requests the walk-through itself says are refused, by method and path, with the status it names. */
const DOCUMENTED_REFUSALS: { method: string; path: RegExp; status: number; why: string }[] = [
  {
    method: 'POST',
    path: /\/api\/v1\/sheets\/import$/,
    status: 409,
    why: 'the docs: after the walk-through the 令和4年度 sheet is already open, so importing it again answers 409',
  },
];

describe('the walk-through in docs/, as written', () => {
  let api: ApiProcess;
  let dataDir: string;
  let work: string;

  beforeAll(async () => {
    dataDir = mkdtempSync(join(tmpdir(), 'walk-through-data-'));
    work = mkdtempSync(join(tmpdir(), 'walk-through-cwd-'));
    // The blocks name files relative to the repository (test/fixtures/…) and write downloads into the
    // current folder: they run in a folder of their own that sees the repository's test/.
    symlinkSync(join(ROOT, 'test'), join(work, 'test'));
    api = await spawnApi({ DATA_DIR: dataDir });
    await waitUntilReady(api, 60_000);
  }, 90_000);

  afterAll(async () => {
    await api?.kill();
    rmSync(dataDir, { recursive: true, force: true });
    rmSync(work, { recursive: true, force: true });
  });

  it('runs every block with every request answered as the docs say', async () => {
    const script = DOCS.flatMap((doc) => bashBlocks(readFileSync(doc, 'utf8')))
      .join('\n')
      .replaceAll('http://127.0.0.1:3000', api.baseUrl);
    expect(script).toContain(`API=${api.baseUrl}/api/v1`);
    const statusLog = join(work, 'statuses.log');
    const prelude = [
      'set -euo pipefail',
      // Each request's status, method and address go to a log the test reads; the answer itself
      // still goes where the docs send it (a variable, a file, the terminal).
      `curl() { command curl -w '%{stderr}%{http_code} %{method} %{url_effective}\\n' "$@" 2>>${statusLog}; }`,
      `npm() { command npm --prefix ${ROOT} "$@"; }`,
    ].join('\n');
    const file = join(work, 'walk-through.sh');
    writeFileSync(file, `${prelude}\n${script}`);

    const { code, stdout, stderr } = await new Promise<{ code: number; stdout: string; stderr: string }>((resolve) =>
      execFile(
        'bash',
        [file],
        { cwd: work, env: { ...process.env, DATA_DIR: dataDir }, maxBuffer: 64 * 1024 * 1024, timeout: 240_000 },
        (error, out, err) =>
          resolve({ code: error ? ((error as { code?: number }).code ?? 1) : 0, stdout: out, stderr: err }),
      ),
    );
    if (code !== 0) throw new Error(`the walk-through stopped (exit ${code}):\n${stderr}\n${stdout.slice(-4000)}`);

    const requests = readFileSync(statusLog, 'utf8')
      .trim()
      .split('\n')
      .map((line) => {
        const [status, method, url] = line.split(' ');
        return { status: Number(status), method, path: new URL(url).pathname };
      });
    expect(requests.length).toBeGreaterThan(25);
    const unexpected = requests.filter(
      (r) =>
        (r.status < 200 || r.status >= 300) &&
        !DOCUMENTED_REFUSALS.some((d) => d.method === r.method && d.path.test(r.path) && d.status === r.status),
    );
    if (unexpected.length) console.log(requests.map((r) => `${r.status} ${r.method} ${r.path}`).join('\n'));
    expect(unexpected).toEqual([]);
    // The downloads the docs make are real files of their kind.
    expect(readFileSync(join(work, 'sheet.xlsx')).subarray(0, 2).toString()).toBe('PK');
    expect(readFileSync(join(work, 'events.ndjson'), 'utf8').split('\n').filter(Boolean).length).toBeGreaterThan(10);
  }, 300_000);
});
