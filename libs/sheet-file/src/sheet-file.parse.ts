/**
 * Reads the sheet as the office's spreadsheet lays it out: a title line with the 令和 fiscal year,
 * 作成日 in 和暦, the 職名/氏名 row, dashed underline rows, and the table whose header row repeats at
 * every printed page. The same layout arrives as tab-separated text, as CSV or as a workbook's rows;
 * each is first turned into records (cells with the line or row they came from), then read here.
 * Cells that had line breaks arrive with spaces instead in the tab-separated text; they are kept as
 * they are. Import is all-or-nothing: every problem is reported with its line and what to do about it,
 * in Japanese, because the person who reads it is the one who saved the file from Excel.
 */
import {
  COMMON_SECTION,
  FieldError,
  InvalidInput,
  normaliseDigits,
  normaliseTypedText,
  parseFiscalYearLabel,
  parseMonthLabel,
  parseWareki,
} from '@goals/domain';
import { CsvInvalid, parseCsv, restoreNeutralised } from './office-text';
import {
  HEADER_CELLS,
  SECTION_SEPARATOR,
  SheetDocument,
  SheetDocumentGoal,
  EXPORT_ONLY_HEADERS,
} from './sheet-document';

/** One line of a text file, or one row of a worksheet, with its 1-based number there. */
export interface SheetRecord {
  line: number;
  cells: string[];
}

export interface SheetFileProblem {
  /** 1-based line of the file (row of the worksheet); 0 when the problem is not on any one line. */
  line: number;
  reason: string;
}

/** Where a problem is, as the person looks for it: 「3行目」 as Excel numbers its rows. */
export function lineLabel(line: number): string {
  return line > 0 ? `${line}行目` : '(ファイル)';
}

/** A malformed sheet file. An InvalidInput, so the API answers 400 with 「N行目」 as the field. */
export class SheetFileInvalid extends InvalidInput {
  constructor(readonly problems: SheetFileProblem[]) {
    super(problems.map((p): FieldError => ({ field: lineLabel(p.line), reason: p.reason })));
  }
}

export interface ParsedSheetGoal extends SheetDocumentGoal {
  /** Where the row was, so a later refusal (an unknown section, say) can still name the line. */
  line: number;
}

export interface ParsedSheet extends SheetDocument {
  goals: ParsedSheetGoal[];
  /** Lines of the header blocks, so a refusal of the 職名 (another department's sheet) names its line. */
  lines: { title: number; createdOn: number; head: number };
}

export interface SheetRecordOptions {
  /**
   * A worksheet stores no empty cells at the end of a row, so a row whose last columns are blank is
   * short; read those as blank rather than as a missing column. Text files keep the strict count,
   * which catches a tab typed inside a cell.
   */
  shortRowsAreBlank?: boolean;
  /**
   * Where to put the problems of single goal rows instead of refusing at once: the import then checks
   * the other rows against the directory too, and refuses with every problem of the file in one answer.
   * Problems of the sheet's header blocks are still thrown, since nothing after them can be read.
   */
  rowProblems?: SheetFileProblem[];
}

const isBlank = (cells: string[]) => cells.every((c) => c.trim() === '');
const isUnderline = (cells: string[]) => cells.some((c) => c !== '') && cells.every((c) => /^-*$/.test(c.trim()));
const isHeader = (cells: string[]) => cells[0]?.trim() === HEADER_CELLS[0] && cells[1]?.trim() === HEADER_CELLS[1];
const COLUMNS = HEADER_CELLS.length;

/** The tab-separated text as the fixture and Excel's 「テキスト (タブ区切り)」 write it. */
export function parseSheetFile(text: string): ParsedSheet {
  return parseSheetRecords(tsvRecords(text));
}

/** The CSV this service exports (and Excel's 「CSV」): the quote before a formula-like cell comes off again. */
export function parseSheetCsv(text: string): ParsedSheet {
  return parseSheetRecords(csvRecords(text));
}

/**
 * Tab-separated lines. Excel quotes a cell holding a tab, a line break or a quote ("a""b"); the service
 * writes cells with line breaks flattened and quotes only a cell that starts with one. Text that does
 * not parse as quoted (a raw 「"先進事例"を参考に」 from another tool) is read line by line as it is.
 */
export function tsvRecords(text: string): SheetRecord[] {
  try {
    // The quote the export put before a formula-like cell comes off again, as for CSV.
    return parseCsv(text, { delimiter: '\t', restoreNeutralised: true });
  } catch (error) {
    if (!(error instanceof CsvInvalid)) throw error;
    const lines = text.replace(/^\uFEFF/, '').split('\n');
    if (lines.length > 1 && lines[lines.length - 1] === '') lines.pop();
    return lines.map((l, i) => ({ line: i + 1, cells: l.replace(/\r$/, '').split('\t').map(restoreNeutralised) }));
  }
}

export function csvRecords(text: string): SheetRecord[] {
  try {
    return parseCsv(text, { restoreNeutralised: true });
  } catch (error) {
    if (error instanceof CsvInvalid) throw new SheetFileInvalid(error.problems);
    throw error;
  }
}

export function parseSheetRecords(records: SheetRecord[], options: SheetRecordOptions = {}): ParsedSheet {
  const problems: SheetFileProblem[] = [];
  const fail = (line: number, reason: string) => problems.push({ line, reason });
  const rowProblems: SheetFileProblem[] = [];
  const failRow = (line: number, reason: string) => rowProblems.push({ line, reason });
  if (records.length === 0 || records.every((r) => isBlank(r.cells)))
    throw new SheetFileInvalid([
      { line: 0, reason: 'ファイルが空です。組織目標展開整理表を保存したファイルを送ってください' },
    ]);
  const lastLine = records[records.length - 1].line;
  let i = 0;
  const lineAt = (k: number) => records[k]?.line ?? lastLine + 1;
  const cellsAt = (k: number) => records[k]?.cells ?? [];
  const skipBlank = () => {
    while (i < records.length && isBlank(records[i].cells)) i++;
  };

  skipBlank();
  const titleLine = lineAt(i);
  const titleCells = cellsAt(i);
  const fiscalYear = parseFiscalYearLabel(titleCells.join(' ').trim());
  if (fiscalYear === null)
    fail(
      titleLine,
      '表題に年度がありません。「令和4年度 組織目標展開整理表（部の組織目標）」のように令和の年度を書いてください',
    );
  i++;

  skipBlank();
  const createdLine = lineAt(i);
  const created = cellsAt(i);
  let createdOn = '';
  if (created[0]?.trim() !== '作成日')
    fail(createdLine, '表題の次に「作成日」と日付（例: 令和4年4月1日）の行を入れてください');
  else {
    createdOn = parseWareki(created[1] ?? '') ?? '';
    if (!createdOn)
      fail(
        createdLine,
        `作成日「${created[1] ?? ''}」は和暦の日付ではありません。「令和4年4月1日」のように書いてください`,
      );
  }
  i++;
  const createdOnUnderline = isUnderline(cellsAt(i)) ? cellsAt(i++) : undefined;

  skipBlank();
  const headLine = lineAt(i);
  const head = cellsAt(i);
  let headTitle = '';
  let headName = '';
  if (head[0]?.trim() !== '職名' || head[2]?.trim() !== '氏名')
    fail(headLine, '作成日の次に「職名」「部長の職名」「氏名」「部長の氏名」の4つの欄の行を入れてください');
  else {
    headTitle = head[1]?.trim() ?? '';
    headName = head[3]?.trim() ?? '';
    if (!headTitle) fail(headLine, '職名が空です。部長の職名（例: 市民生活部長）を書いてください');
    if (!headName) fail(headLine, '氏名が空です。部長の氏名を書いてください');
  }
  i++;
  const headUnderline = isUnderline(cellsAt(i)) ? cellsAt(i++) : undefined;

  const goals: ParsedSheetGoal[] = [];
  const rowsPerPage: number[] = [];
  let headerSeen = false;
  // An export of this service adds 状態 and 中間報告 after 達成状況: read as the office's eight columns,
  // the exported-only columns ignored (they are derived from the history, not data to import).
  let exportColumns = 0;
  let goalRows = 0;
  for (; i < records.length; i++) {
    const { cells, line } = records[i];
    if (isBlank(cells)) continue;
    if (isHeader(cells)) {
      headerSeen = true;
      rowsPerPage.push(0);
      let columns = withoutBlankTail(cells, COLUMNS).length;
      const extra = cells.slice(COLUMNS, columns).map((c) => c.trim());
      exportColumns = extra.every((c) => EXPORT_ONLY_HEADERS.includes(c)) ? extra.length : 0;
      columns -= exportColumns;
      if (columns !== COLUMNS)
        failRow(
          line,
          `見出し行は「番号」から「達成状況」までの${COLUMNS}列です（この行は${columns}列）。列を足したり消したりしていないか確かめてください`,
        );
      continue;
    }
    if (!headerSeen) {
      fail(line, '表の見出し行（番号、実施項目、…）より前に目標の行があります。目標の行の前に見出し行を入れてください');
      continue;
    }
    // 番号 is checked against the row's place, so one bad row does not misreport the rows after it.
    const goal = parseGoalRow(exportColumns ? cells.slice(0, COLUMNS) : cells, line, ++goalRows, failRow, options);
    if (goal) {
      goals.push(goal);
      rowsPerPage[rowsPerPage.length - 1] += 1;
    }
  }
  if (!headerSeen)
    fail(
      lastLine,
      '表の見出し行（番号、実施項目、計画・方針等の分類、…、達成状況）が見つかりません。目標の表の上に見出し行を入れてください',
    );
  else if (goals.length === 0 && problems.length === 0 && rowProblems.length === 0)
    fail(lastLine, '目標の行が一つもありません。見出し行の下に目標を書いてください');
  if (problems.length) throw new SheetFileInvalid([...problems, ...rowProblems].sort((a, b) => a.line - b.line));
  if (rowProblems.length && !options.rowProblems) throw new SheetFileInvalid(rowProblems);
  options.rowProblems?.push(...rowProblems);

  const layout = { title: titleCells.join('\t'), createdOnUnderline, headUnderline, rowsPerPage };
  return {
    fiscalYear: fiscalYear!,
    createdOn,
    headTitle,
    headName,
    goals,
    layout,
    lines: { title: titleLine, createdOn: createdLine, head: headLine },
  };
}

/** Cells past `keep` that are blank: a spreadsheet's trailing tabs or formatted empty columns. */
function withoutBlankTail(cells: string[], keep: number): string[] {
  let end = cells.length;
  while (end > keep && cells[end - 1].trim() === '') end--;
  return cells.slice(0, end);
}

function parseGoalRow(
  raw: string[],
  line: number,
  expectedNumber: number,
  report: (line: number, reason: string) => void,
  options: SheetRecordOptions,
): ParsedSheetGoal | undefined {
  let problems = 0;
  const fail = (reason: string) => {
    problems += 1;
    report(line, reason);
  };
  const cells = withoutBlankTail(raw, COLUMNS);
  // A spreadsheet drops the trailing tab of an unrated row; a blank 達成状況 means not yet rated.
  if (cells.length > COLUMNS || (!options.shortRowsAreBlank && cells.length < COLUMNS - 1)) {
    fail(
      `目標の行は「番号」から「達成状況」までの${COLUMNS}列です（この行は${cells.length}列）。` +
        '欄の中に区切り文字（タブやコンマ）が入っていないか、欄が抜けていないか確かめてください',
    );
    return undefined;
  }
  const [
    numberText = '',
    title = '',
    category = '',
    targetLevel = '',
    method = '',
    deadline = '',
    sectionsText = '',
    achievementText = '',
  ] = cells.map((c, i) =>
    // As typed in Excel (the domain's rule): どの水準まで and どのような方法で keep their lines.
    normaliseTypedText(c, { multiline: i === 3 || i === 4 }).trim(),
  );
  const number = /^\d+$/.test(normaliseDigits(numberText)) ? Number(normaliseDigits(numberText)) : NaN;
  if (Number.isNaN(number)) fail(`番号「${numberText}」が数字ではありません。1から順に番号を書いてください`);
  else if (number !== expectedNumber)
    fail(`番号${number}は順番が違います。ここは${expectedNumber}です（番号は1から順に振ってください）`);
  if (!title) fail('実施項目が空です。何を実施するかを書いてください');
  if (!category) fail('計画・方針等の分類が空です。行政改革・施政方針などの分類を書いてください');
  if (!targetLevel) fail('どの水準までが空です。達成水準又は遂行後の状態を書いてください');
  if (!method) fail('どのような方法でが空です。目標を達成するための取組の内容を書いてください');
  const deadlineMonth = parseMonthLabel(deadline);
  if (deadlineMonth === null) {
    const month = /^\s*(\d+)\s*月\s*$/.exec(normaliseDigits(deadline));
    if (month) fail(`いつまで「${deadline}」は1〜12月で指定してください`);
    else fail(`いつまで「${deadline}」は「2月」のように1〜12の月で書いてください`);
  }
  const sections = sectionsText.split(SECTION_SEPARATOR).map((s) => s.trim());
  if (!sectionsText)
    fail(
      `共通/課名が空です。担当する課名を「${SECTION_SEPARATOR}」で区切って書くか、「${COMMON_SECTION}」と書いてください`,
    );
  else if (sections.some((s) => s === ''))
    fail(`共通/課名「${sectionsText}」に空の課名があります。課名は「${SECTION_SEPARATOR}」で一つずつ区切ってください`);
  else if (sections.includes(COMMON_SECTION) && sections.length > 1)
    fail(`共通/課名「${sectionsText}」: 「${COMMON_SECTION}」と課名は一緒に書けません。どちらかにしてください`);
  if (problems) return undefined;
  return {
    line,
    number,
    title,
    category,
    targetLevel,
    method,
    deadlineMonth: deadlineMonth!,
    sections,
    achievement: achievementText || undefined,
  };
}
