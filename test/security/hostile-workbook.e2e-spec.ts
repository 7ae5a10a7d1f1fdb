/**
 * A hostile .xlsx as an attacker sends it: 2–3 KB whose four sheets each name one cell at XFD1048576,
 * the last cell Excel has. Refused in Japanese before it is parsed, while /health goes on answering.
 */
import ExcelJS from 'exceljs';
import { XLSX_CONTENT_TYPE, zipUnpackedSize } from '@goals/sheet-file';
import { AppHarness, startApp } from '../support/app-harness';
import { health } from '../support/service-process';

/** Four sheets, one cell each in Excel's last row and column: tiny on disk, a billion cells to a naive reader. */
async function sparseHostileWorkbook(): Promise<Buffer> {
  const workbook = new ExcelJS.Workbook();
  for (const name of ['一', '二', '三', '四']) {
    const sheet = workbook.addWorksheet(name);
    sheet.getCell('A1').value = '番号';
    sheet.getCell('XFD1048576').value = 'x';
  }
  return Buffer.from(await workbook.xlsx.writeBuffer());
}

describe('a hostile sparse workbook', () => {
  let app: AppHarness;

  beforeAll(async () => {
    app = await startApp({});
  });
  afterAll(() => app?.close());

  it('is refused in Japanese, writing nothing, while /health keeps answering within a second', async () => {
    const file = await sparseHostileWorkbook();
    expect(file.length).toBeLessThan(10_000);
    const sheets: string[] = [];
    zipUnpackedSize(file, undefined, (name, content) => {
      if (name.startsWith('xl/worksheets/') && content.toString().includes('r="XFD1048576"')) sheets.push(name);
    });
    expect(sheets).toHaveLength(4);
    const before = await app.eventCount();
    // Warm: the first answers of a freshly started service say nothing about the import.
    expect((await health(app.baseUrl, 5000)).status).toBe(200);
    await app.call('admin', 'POST', '/sheets/import?department=市民生活部', {
      rawBody: file,
      contentType: XLSX_CONTENT_TYPE,
    });
    let importing = true;
    const probes: number[] = [];
    const watching = (async () => {
      while (importing) {
        const probe = await health(app.baseUrl, 5000);
        probes.push(probe.status === 200 ? probe.millis : Infinity);
        await new Promise((r) => setTimeout(r, 20));
      }
    })();
    const answers = [];
    for (let round = 0; round < 3; round++)
      answers.push(
        ...(await Promise.all(
          [0, 1, 2].map(() =>
            app.call('admin', 'POST', '/sheets/import?department=市民生活部', {
              rawBody: file,
              contentType: XLSX_CONTENT_TYPE,
              headers: { 'accept-language': 'ja' },
            }),
          ),
        )),
      );
    importing = false;
    await watching;
    for (const answer of answers) {
      expect(answer.status).toBe(400);
      expect(JSON.stringify(answer.body)).toMatch(/大きすぎます.*1,048,576行 × 16,384列/);
    }
    expect(probes.length).toBeGreaterThan(0);
    expect(Math.max(...probes)).toBeLessThan(1000);
    expect(await app.eventCount()).toBe(before);
  });
});
