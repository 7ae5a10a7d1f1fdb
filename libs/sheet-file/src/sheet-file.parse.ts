/**
 * Reads the tab-separated sheet as the office's spreadsheet exports it: a title line with the
 * 令和 fiscal year, 作成日 in 和暦, the 職名/氏名 row, dashed underline rows, and the table whose
 * header row repeats at every printed page. Cells that had line breaks arrive with spaces instead;
 * they are kept as they are. Import is all-or-nothing: every problem is reported with its line.
 */
import { COMMON_SECTION, FieldError, InvalidInput, parseFiscalYearLabel, parseMonthLabel, parseWareki } from '@goals/domain';
import { HEADER_CELLS, SECTION_SEPARATOR, SheetDocument, SheetDocumentGoal } from './sheet-document';

export interface SheetFileProblem {
  /** 1-based line of the file. */
  line: number;
  reason: string;
}

/** A malformed sheet file. An InvalidInput, so the API answers 400 with `line N` as the field. */
export class SheetFileInvalid extends InvalidInput {
  constructor(readonly problems: SheetFileProblem[]) {
    super(problems.map((p): FieldError => ({ field: `line ${p.line}`, reason: p.reason })));
  }
}

export interface ParsedSheetGoal extends SheetDocumentGoal {
  /** Where the row was, so a later refusal (an unknown section, say) can still name the line. */
  line: number;
}

export interface ParsedSheet extends SheetDocument {
  goals: ParsedSheetGoal[];
}

const isBlank = (cells: string[]) => cells.every((c) => c.trim() === '');
const isUnderline = (cells: string[]) => cells.some((c) => c !== '') && cells.every((c) => /^-*$/.test(c.trim()));
const isHeader = (cells: string[]) => cells[0]?.trim() === HEADER_CELLS[0] && cells[1]?.trim() === HEADER_CELLS[1];

export function parseSheetFile(text: string): ParsedSheet {
  const lines = text.replace(/^\uFEFF/, '').split('\n').map((l) => l.replace(/\r$/, '').split('\t'));
  const problems: SheetFileProblem[] = [];
  const fail = (line: number, reason: string) => problems.push({ line, reason });
  let i = 0;
  const skipBlank = () => {
    while (i < lines.length && isBlank(lines[i])) i++;
  };

  skipBlank();
  const titleLine = i + 1;
  const title = (lines[i] ?? []).join(' ').trim();
  const fiscalYear = parseFiscalYearLabel(title);
  if (fiscalYear === null) fail(titleLine, 'the title must name the fiscal year, e.g. 令和4年度 組織目標展開整理表');
  i++;

  skipBlank();
  const createdLine = i + 1;
  const created = lines[i] ?? [];
  let createdOn = '';
  if (created[0]?.trim() !== '作成日') fail(createdLine, '作成日 and the date must follow the title');
  else {
    createdOn = parseWareki(created[1] ?? '') ?? '';
    if (!createdOn) fail(createdLine, `作成日 ${created[1] ?? ''} is not a 和暦 date such as 令和4年4月1日`);
  }
  i++;
  const createdOnUnderline = isUnderline(lines[i] ?? []) ? lines[i++] : undefined;

  skipBlank();
  const headLine = i + 1;
  const head = lines[i] ?? [];
  let headTitle = '';
  let headName = '';
  if (head[0]?.trim() !== '職名' || head[2]?.trim() !== '氏名') fail(headLine, 'the 職名 and 氏名 row must follow 作成日');
  else {
    headTitle = head[1]?.trim() ?? '';
    headName = head[3]?.trim() ?? '';
    if (!headTitle) fail(headLine, '職名 is empty');
    if (!headName) fail(headLine, '氏名 is empty');
  }
  i++;
  const headUnderline = isUnderline(lines[i] ?? []) ? lines[i++] : undefined;

  const goals: ParsedSheetGoal[] = [];
  const rowsPerPage: number[] = [];
  let headerSeen = false;
  let goalRows = 0;
  for (; i < lines.length; i++) {
    const cells = lines[i];
    const line = i + 1;
    if (isBlank(cells)) continue;
    if (isHeader(cells)) {
      headerSeen = true;
      rowsPerPage.push(0);
      if (cells.length !== HEADER_CELLS.length) fail(line, `the header row must have ${HEADER_CELLS.length} columns, not ${cells.length}`);
      continue;
    }
    if (!headerSeen) {
      fail(line, 'a goal row before the header row (番号, 実施項目, …)');
      continue;
    }
    // 番号 is checked against the row's place, so one bad row does not misreport the rows after it.
    const goal = parseGoalRow(cells, line, ++goalRows, fail);
    if (goal) {
      goals.push(goal);
      rowsPerPage[rowsPerPage.length - 1] += 1;
    }
  }
  if (!headerSeen) fail(lines.length, 'the table header row (番号, 実施項目, …) is missing');
  else if (goals.length === 0 && problems.length === 0) fail(lines.length, 'the sheet has no goals');
  if (problems.length) throw new SheetFileInvalid(problems);

  const layout = { title: lines[titleLine - 1].join('\t'), createdOnUnderline, headUnderline, rowsPerPage };
  return { fiscalYear: fiscalYear!, createdOn, headTitle, headName, goals, layout };
}

function parseGoalRow(cells: string[], line: number, expectedNumber: number, report: (line: number, reason: string) => void): ParsedSheetGoal | undefined {
  let problems = 0;
  const fail = (at: number, reason: string) => {
    problems += 1;
    report(at, reason);
  };
  // A spreadsheet drops the trailing tab of an unrated row; a blank 達成状況 means not yet rated.
  if (cells.length !== 8 && cells.length !== 7) {
    fail(line, `a goal row has 8 columns (番号 … 達成状況), this one has ${cells.length}`);
    return undefined;
  }
  const [numberText, title, category, targetLevel, method, deadline, sectionsText, achievementText = ''] = cells.map((c) => c.trim());
  const number = /^\d+$/.test(numberText) ? Number(numberText) : NaN;
  if (Number.isNaN(number)) fail(line, `番号 ${numberText || '(blank)'} is not a number`);
  else if (number !== expectedNumber) fail(line, `番号 ${number} is out of sequence: ${expectedNumber} was expected`);
  if (!title) fail(line, '実施項目 is empty');
  if (!category) fail(line, '計画・方針等の分類 is empty');
  if (!targetLevel) fail(line, 'どの水準まで is empty');
  if (!method) fail(line, 'どのような方法で is empty');
  const deadlineMonth = parseMonthLabel(deadline);
  if (deadlineMonth === null) fail(line, `いつまで ${deadline || '(blank)'} is not a month such as 3月`);
  const sections = sectionsText.split(SECTION_SEPARATOR).map((s) => s.trim());
  if (!sectionsText || sections.some((s) => s === '')) fail(line, '共通/課名 must name sections joined by 、 or say 共通');
  else if (sections.includes(COMMON_SECTION) && sections.length > 1) fail(line, `${COMMON_SECTION} cannot be combined with sections`);
  if (problems) return undefined;
  return { line, number, title, category, targetLevel, method, deadlineMonth: deadlineMonth!, sections, achievement: achievementText || undefined };
}

