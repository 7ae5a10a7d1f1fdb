/**
 * The published PDF read back as a citizen's PDF reader and a search engine read it: pdftotext
 * (poppler-utils) for the text, pdfinfo for the pages, qpdf --check for the structure.
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { canonicalPublicationText, PUBLISHED_COLUMNS } from '@goals/domain';
import { sixtyGoalPublication } from '../../../../../bench/publication.bench';
import { sha256Hex } from '../publication-workflow.service';
import { resolvePublicationFont, PublicationFontMissing } from './publication-font';
import { publicationPdf, shortHash } from './publication.pdf';

const squeeze = (text: string) => text.replace(/\s+/g, '');

describe('the publication PDF in the paper layout', () => {
  const dir = mkdtempSync(join(tmpdir(), 'publication-pdf-'));
  const publication = sixtyGoalPublication();
  // One goal far longer than a page, so it has to continue on the next one.
  publication.goals[59] = { ...publication.goals[59], method: 'ながい方法の説明。'.repeat(220) + 'ここで終わり。' };
  const contentHash = sha256Hex(canonicalPublicationText(publication));
  const file = join(dir, 'sheet.pdf');
  let pages: string[];

  beforeAll(async () => {
    const fontFile = resolvePublicationFont(undefined);
    if (!fontFile) throw new Error('install fonts-morisawa-bizud-gothic (scripts/setup.sh does)');
    writeFileSync(
      file,
      await publicationPdf(publication, { fontFile, contentHash, verifyUrl: 'https://city.example/public/verify' }),
    );
    pages = execFileSync('pdftotext', ['-layout', file, '-'], { encoding: 'utf8' })
      .split('\f')
      .filter((p) => p.trim());
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('is A4 landscape, tagged, in Japanese, with the title in 和暦', () => {
    const info = execFileSync('pdfinfo', [file], { encoding: 'utf8' });
    expect(info).toMatch(/Page size:\s+841.89 x 595.28 pts \(A4\)/);
    expect(info).toMatch(/Tagged:\s+yes/);
    expect(info).toContain('Title:           令和4年度 市民生活部 組織目標展開整理表');
    expect(Number(/Pages:\s+(\d+)/.exec(info)![1])).toBe(pages.length);
    expect(pages[0]).toMatch(/作成日\s+令和4年4月1日/);
    expect(pages[0]).toMatch(/職名\s+市民生活部長\s+氏名\s+沢柳和彦/);
  });

  it('holds every 実施項目 and every cell in full, the longest one continued over pages', () => {
    const all = squeeze(execFileSync('pdftotext', [file, '-'], { encoding: 'utf8' }));
    for (const goal of publication.goals) {
      expect(all).toContain(squeeze(goal.title));
      expect(all).toContain(squeeze(goal.targetLevel));
    }
    // The long cell is split between pages (the footer and headings come between its parts when read).
    expect(all.split('説明。').length - 1).toBe(220);
    expect(all).toContain('ここで終わり。');
    expect(all).toContain('60（続き）');
    expect(all).not.toContain('（続き）（続き）');
  });

  it('repeats the headings and prints the footer with the hash and page number on every page', () => {
    expect(pages.length).toBeGreaterThan(8);
    pages.forEach((text, i) => {
      for (const column of ['番号', '実施項目', '共通/課名', '達成状況']) expect(text).toContain(column);
      expect(squeeze(text)).toContain(squeeze(PUBLISHED_COLUMNS[3].heading));
      expect(text).toContain(`SHA-256 ${shortHash(contentHash)}`);
      expect(text).toContain(`記録位置 ${publication.position}`);
      expect(text).toContain(`整理表 ${publication.sheetId}`);
      expect(text).toContain(`${i + 1} / ${pages.length}`);
    });
  });

  it('embeds the Japanese font and passes qpdf --check', () => {
    expect(execFileSync('pdffonts', [file], { encoding: 'utf8' })).toMatch(
      /BIZUDGothic-Regular\s+CID TrueType\s+Identity-H\s+yes yes yes/,
    );
    expect(execFileSync('qpdf', ['--check', file], { encoding: 'utf8' })).toContain(
      'No syntax or stream encoding errors',
    );
  });

  it('refuses a configured font that is not there, by name', () => {
    expect(() => resolvePublicationFont('/nowhere/font.ttf')).toThrow(PublicationFontMissing);
    expect(() => resolvePublicationFont('/nowhere/font.ttf')).toThrow('/nowhere/font.ttf');
  });
});
