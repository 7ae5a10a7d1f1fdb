/**
 * The files a publication is downloaded as: its PDF, a CSV for Excel readers (UTF-8 with BOM, the
 * sheet's layout), and zip folders of HTML and PDF for the city's website team to upload to its CMS.
 */
import type JSZip from 'jszip';
import { fiscalYearLabel, PublishedSheet } from '@goals/domain';
import { lazyRequire } from '@goals/platform';
import { toCsv } from '@goals/sheet-file';
import { PUBLIC_CSS } from '../render/public.css';
import { indexPage, kindLabel, publicationPage, publicationPath, PageFacts } from '../render/public.html';
import type { PublicationListing } from '@goals/read-models';

export function publicationCsv(p: PublishedSheet): string {
  return toCsv({
    fiscalYear: p.fiscalYear,
    createdOn: p.createdOn,
    headTitle: p.headTitle,
    headName: p.headName,
    goals: p.goals.map((g) => ({ ...g, achievement: g.achievement ?? undefined })),
    layout: { title: `${fiscalYearLabel(p.fiscalYear)} ${p.department} 組織目標展開整理表` },
  });
}

/** A file name people recognise: 令和4年度_市民生活部_目標設定時_第1版 */
export function publicationFileName(p: Pick<PublishedSheet, 'fiscalYear' | 'department' | 'kind' | 'version'>) {
  return `${fiscalYearLabel(p.fiscalYear)}_${p.department}_${kindLabel(p.kind)}_第${p.version}版`.replace(
    /[\\/:*?"<>|\s]/g,
    '_',
  );
}

export interface PublicationFiles {
  content: PublishedSheet;
  facts: PageFacts;
  pdf: Buffer;
}

/** The page with links that work from a folder: the files beside it, verification at the service's address. */
function folderPage(file: PublicationFiles, serviceUrl: string, depth: 0 | 1): string {
  const path = publicationPath(file.content);
  const up = depth === 1 ? '../' : '';
  return publicationPage(file.content, file.facts)
    .replace(`href="${path}.pdf"`, 'href="sheet.pdf"')
    .replace(`href="${path}.csv"`, 'href="sheet.csv"')
    .replace(/<li><a href="[^"]*\.zip">[^<]*<\/a><\/li>\n/, '')
    .replace('href="/public/style.css"', `href="${up}style.css"`)
    .replace('href="/public/"', `href="${up}index.html"`)
    .replace(/href="\/public\/verify/g, `href="${serviceUrl}/public/verify`);
}

function addPublication(zip: JSZip, file: PublicationFiles, serviceUrl: string, depth: 0 | 1) {
  zip.file('index.html', folderPage(file, serviceUrl, depth));
  zip.file('sheet.pdf', file.pdf);
  zip.file('sheet.csv', publicationCsv(file.content));
}

/** Loaded on first use, as exceljs and pdfkit are: only a download of zip folders needs it. */
const Zip = lazyRequire<typeof JSZip>('jszip');

const ZIP_OPTIONS = { type: 'nodebuffer' as const, compression: 'DEFLATE' as const, platform: 'UNIX' as const };

/** One publication as a folder: index.html, sheet.pdf, sheet.csv and style.css. */
export async function publicationZip(file: PublicationFiles, serviceUrl: string): Promise<Buffer> {
  const zip = new (Zip())();
  const folder = zip.folder(publicationFileName(file.content))!;
  addPublication(folder, file, serviceUrl, 0);
  folder.file('style.css', PUBLIC_CSS);
  return zip.generateAsync({
    ...ZIP_OPTIONS,
    date: new Date(file.content.publishedAt),
  } as JSZip.JSZipGeneratorOptions<'nodebuffer'>);
}

/** A year: an index of its publications, a folder for each. */
export async function yearZip(
  fiscalYear: number,
  listings: PublicationListing[],
  files: PublicationFiles[],
  serviceUrl: string,
): Promise<Buffer> {
  const zip = new (Zip())();
  const top = zip.folder(`${fiscalYearLabel(fiscalYear)}_組織目標`)!;
  const folderOf = (l: Pick<PublishedSheet, 'fiscalYear' | 'department' | 'kind' | 'version'>) =>
    publicationFileName(l);
  let index = indexPage(listings)
    .replace('href="/public/style.css"', 'href="style.css"')
    .replace(/<p><a href="\/public\/\d+\.zip">[^<]*<\/a><\/p>\n/g, '')
    .replace(/href="\/public\/verify/g, `href="${serviceUrl}/public/verify`)
    .replace('href="/public/"', 'href="index.html"');
  for (const l of listings) {
    const path = publicationPath(l);
    index = index
      .replace(`href="${path}.pdf"`, `href="${folderOf(l)}/sheet.pdf"`)
      .replace(`href="${path}"`, `href="${folderOf(l)}/index.html"`);
  }
  top.file('index.html', index);
  top.file('style.css', PUBLIC_CSS);
  for (const file of files) addPublication(top.folder(folderOf(file.content))!, file, serviceUrl, 1);
  return zip.generateAsync(ZIP_OPTIONS);
}
