/**
 * The publication as a PDF in the paper layout: A4 landscape, the title with 年度 in 和暦, 作成日, 職名,
 * 氏名, the eight columns with their headings on every page, and a footer on every page that ties the
 * page to the record (sheet id, version, store position, the content hash and where to check it).
 *
 * pdfkit lays out text with the Unicode line-breaking algorithm (the `linebreak` package), which
 * breaks between ideographs and keeps closing brackets and 。、 off the start of a line; it embeds a
 * subset of the TrueType font, so the text stays selectable and searchable. The document is tagged
 * (PDF/UA-style structure: Document, H1, P, Table, TR, TH, TD; borders and footers as artifacts).
 */
import type PDFDocument from 'pdfkit';
import { lazyRequire } from '@goals/platform';
import {
  fiscalYearLabel,
  formatWareki,
  PUBLICATION_KIND_LABELS,
  PUBLISHED_COLUMNS,
  PublishedSheet,
  cellText,
} from '@goals/domain';

/** Loaded on first use: it takes long to load and only some requests need it. */
const pdfkit = lazyRequire<typeof PDFDocument>('pdfkit');

export interface PdfOptions {
  fontFile: string;
  contentHash: string;
  /** Where anyone checks the hash, e.g. https://city.example/public/verify */
  verifyUrl: string;
}

const A4_LANDSCAPE: [number, number] = [841.89, 595.28];
const MARGIN = 28;
const FOOTER_SPACE = 26;
const CELL_PAD = 3;
const FONT_SIZE = 8.5;
/** Column widths in points, summing to the printable width (785.89). */
const WIDTHS = [28, 116, 62, 192, 192, 44, 86, 65.89];

export function shortHash(hash: string): string {
  return hash.slice(0, 12);
}

export function publicationTitle(p: Pick<PublishedSheet, 'fiscalYear' | 'department'>): string {
  return `${fiscalYearLabel(p.fiscalYear)} ${p.department} 組織目標展開整理表`;
}

export async function publicationPdf(p: PublishedSheet, options: PdfOptions): Promise<Buffer> {
  const title = publicationTitle(p);
  const doc = new (pdfkit())({
    size: A4_LANDSCAPE,
    margins: { top: MARGIN, left: MARGIN, right: MARGIN, bottom: MARGIN + FOOTER_SPACE },
    bufferPages: true,
    autoFirstPage: true,
    tagged: true,
    lang: 'ja-JP',
    displayTitle: true,
    pdfVersion: '1.7',
    // Fixed dates: the same publication gives the same file.
    info: {
      Title: title,
      Subject: `${PUBLICATION_KIND_LABELS[p.kind]} 第${p.version}版`,
      Author: `${p.department} ${p.headTitle} ${p.headName}`,
      Keywords: `SHA-256 ${options.contentHash}`,
      CreationDate: new Date(p.publishedAt),
      ModDate: new Date(p.publishedAt),
    },
  });
  const chunks: Buffer[] = [];
  doc.on('data', (c: Buffer) => chunks.push(c));
  const done = new Promise<void>((resolve, reject) => {
    doc.on('end', () => resolve());
    doc.on('error', reject);
  });
  doc.registerFont('ja', options.fontFile);
  doc.font('ja');

  const root = doc.struct('Document');
  doc.addStructure(root);
  const tagged = (type: string, draw: () => void) => {
    const element = doc.struct(type);
    root.add(element);
    element.add(draw);
    element.end();
  };
  const width = A4_LANDSCAPE[0] - 2 * MARGIN;

  tagged('H1', () => doc.fontSize(15).text(title, MARGIN, MARGIN, { width, align: 'center' }));
  tagged('P', () =>
    doc
      .fontSize(9)
      .text(
        `${PUBLICATION_KIND_LABELS[p.kind]}の公表（第${p.version}版） 公表日 ${formatWareki(p.publishedAt.slice(0, 10))}`,
        {
          width,
          align: 'center',
        },
      ),
  );
  doc.moveDown(0.4);
  tagged('P', () => doc.fontSize(10).text(`作成日　${formatWareki(p.createdOn)}`, MARGIN, doc.y, { width }));
  tagged('P', () => doc.fontSize(10).text(`職名　${p.headTitle}　　氏名　${p.headName}`, MARGIN, doc.y, { width }));
  doc.moveDown(0.5);

  const table = doc.struct('Table');
  root.add(table);
  const bottom = () => A4_LANDSCAPE[1] - MARGIN - FOOTER_SPACE;
  doc.fontSize(FONT_SIZE);
  const heightOf = (text: string, w: number) =>
    text === '' ? doc.currentLineHeight(true) : doc.heightOfString(text, { width: w - 2 * CELL_PAD });

  const drawRow = (cells: string[], cellType: 'TH' | 'TD', y: number, height: number) => {
    const row = doc.struct('TR');
    table.add(row);
    let x = MARGIN;
    cells.forEach((text, i) => {
      const w = WIDTHS[i];
      doc.markContent('Artifact', { type: 'Layout' });
      if (cellType === 'TH') doc.rect(x, y, w, height).fillAndStroke('#e8e8e8', '#333333');
      else doc.rect(x, y, w, height).stroke('#333333');
      doc.endMarkedContent();
      doc.fillColor('#000000');
      const cell = doc.struct(cellType);
      row.add(cell);
      cell.add(() =>
        doc.text(text, x + CELL_PAD, y + CELL_PAD, {
          width: w - 2 * CELL_PAD,
          align: cellType === 'TH' || i === 0 || i === 5 ? 'center' : 'left',
          lineBreak: true,
        }),
      );
      cell.end();
      x += w;
    });
    row.end();
  };

  const headings = PUBLISHED_COLUMNS.map((c) => c.heading);
  const headerHeight = Math.max(...headings.map((h, i) => heightOf(h, WIDTHS[i]))) + 2 * CELL_PAD;
  let y = doc.y;
  const header = () => {
    drawRow(headings, 'TH', y, headerHeight);
    y += headerHeight;
  };
  const newPage = () => {
    doc.addPage();
    y = MARGIN;
    header();
  };
  header();

  for (const goal of p.goals) {
    let cells = PUBLISHED_COLUMNS.map((c) => cellText(goal, c.field));
    for (;;) {
      const height = Math.max(...cells.map((t, i) => heightOf(t, WIDTHS[i]))) + 2 * CELL_PAD + 2;
      if (y + height <= bottom()) {
        drawRow(cells, 'TD', y, height);
        y += height;
        break;
      }
      const room = bottom() - y - 2 * CELL_PAD;
      // A row that fits on a fresh page moves there whole; only a row taller than a page is split.
      const fitsFresh = height <= bottom() - MARGIN - headerHeight;
      if (fitsFresh || room < 4 * doc.currentLineHeight(true)) {
        newPage();
        if (fitsFresh) continue;
      }
      const space = bottom() - y - 2 * CELL_PAD;
      const parts = cells.map((t, i) => splitToFit(t, (s) => heightOf(s, WIDTHS[i]), space));
      drawRow(
        parts.map((part) => part[0]),
        'TD',
        y,
        bottom() - y,
      );
      cells = parts.map((part, i) => (i === 0 ? `${goal.number}（続き）` : part[1]));
      newPage();
    }
  }
  table.end();
  root.end();

  const range = doc.bufferedPageRange();
  for (let i = range.start; i < range.start + range.count; i++) {
    doc.switchToPage(i);
    const savedBottom = doc.page.margins.bottom;
    doc.page.margins.bottom = 0;
    doc.markContent('Artifact', { type: 'Pagination' });
    doc
      .fontSize(7)
      .fillColor('#000000')
      .text(
        `整理表 ${p.sheetId}　第${p.version}版（${PUBLICATION_KIND_LABELS[p.kind]}）　記録位置 ${p.position}　` +
          `SHA-256 ${shortHash(options.contentHash)}　確認先 ${options.verifyUrl}?hash=${shortHash(options.contentHash)}`,
        MARGIN,
        A4_LANDSCAPE[1] - MARGIN - 14,
        { width: width - 60, lineBreak: false },
      );
    doc.text(`${i - range.start + 1} / ${range.count}`, A4_LANDSCAPE[0] - MARGIN - 60, A4_LANDSCAPE[1] - MARGIN - 14, {
      width: 60,
      align: 'right',
      lineBreak: false,
    });
    doc.endMarkedContent();
    doc.page.margins.bottom = savedBottom;
  }
  doc.end();
  await done;
  return Buffer.concat(chunks);
}

/** The longest start of `text` that fits in `space`, and the rest: nothing of a long cell is lost. */
function splitToFit(text: string, height: (s: string) => number, space: number): [string, string] {
  if (height(text) <= space) return [text, ''];
  let low = 0;
  let high = text.length;
  while (low < high) {
    const mid = Math.ceil((low + high) / 2);
    if (height(text.slice(0, mid)) <= space) low = mid;
    else high = mid - 1;
  }
  return [text.slice(0, low), text.slice(low)];
}
