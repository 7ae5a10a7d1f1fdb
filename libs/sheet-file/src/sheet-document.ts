/**
 * The sheet as a document: what the paper 組織目標展開整理表 shows, independent of the file format.
 * Import produces one from a file; export writes one, built from the read model or from time travel.
 */
import { COMMON_SECTION, GoalContent, GoalStatus, goalStatusLabel, SheetHeader } from '@goals/domain';

/** The table's header row, as printed at the top of every page. */
export const HEADER_CELLS = [
  '番号',
  '実施項目',
  '計画・方針等の分類',
  'どの水準まで (達成水準又は遂行後の状態等)',
  'どのような方法で (目標等を達成するための取組の内容等)',
  'いつまで (期限)',
  '共通/課名',
  '達成状況',
] as const;

/**
 * The column exports add after 達成状況, so a 下書き never passes for an approved goal on paper. It is
 * not part of the office's layout: import reads files with or without it and ignores its values.
 */
export const STATE_HEADER = '状態';
export const MID_YEAR_HEADER = '中間報告';
/** Columns an export adds after 達成状況; an import reads past them. */
export const EXPORT_ONLY_HEADERS: readonly string[] = [STATE_HEADER, MID_YEAR_HEADER];

export const TITLE_SUFFIX = '組織目標展開整理表（部の組織目標）';
/** Sections of a shared goal are written in one cell, joined by the ideographic comma. */
export const SECTION_SEPARATOR = '、';
export { COMMON_SECTION };

export interface SheetDocumentGoal extends GoalContent {
  /** 番号 */
  number: number;
  /** 達成状況; undefined when not yet rated (a blank cell). */
  achievement?: string;
  /** 状態 (下書き, 提出中, 承認済, …) as exports print it; absent in a file read from the office's layout. */
  state?: string;
  /** 中間報告: the latest progress the 部長 received, as one cell (e.g. 上期 やや遅れ：…). */
  midYear?: string;
}

/** One line of a 中間報告 the 部長 received, for the workbook's 中間報告 worksheet. */
export interface MidYearLine {
  /** 第1回 or the office's name for it (上期). */
  window: string;
  number: number;
  title: string;
  section: string;
  progress: string;
  comment: string;
  /** 提出済み / 確認済み, and 期限後 when it came after the 締切日. */
  status: string;
}

/** How the file was laid out on paper, kept by import so an export can reproduce it. */
export interface SheetLayout {
  /** The title line as written, e.g. '令和4年度 組織目標展開整理表（部の組織目標）'. */
  title?: string;
  /** Dashes under 作成日 and its date, and under 職名/name/氏名/name. */
  createdOnUnderline?: string[];
  headUnderline?: string[];
  /** Goals per printed page; the header row is repeated before each page. */
  rowsPerPage?: number[];
}

export interface SheetDocument {
  fiscalYear: number;
  /** 作成日, 'YYYY-MM-DD'. */
  createdOn: string;
  headTitle: string;
  headName: string;
  goals: SheetDocumentGoal[];
  layout?: SheetLayout;
  /** Every 中間報告 line received; written as a worksheet of its own in the workbook. */
  midYearLines?: MidYearLine[];
  /** The year's 達成度の区分, written as a worksheet of its own in the workbook (達成状況 is given in it). */
  achievementScale?: { levels: readonly string[]; achieved: readonly string[]; notAssessable?: string | null };
}

/**
 * A sheet from the read side (the live read model or a time-travel snapshot) as a document. The read
 * side keeps sections by id; `sectionNames` gives the names of the sheet's fiscal year.
 */
export function sheetDocumentOf(
  sheet: {
    header: SheetHeader;
    rows: Array<{
      number: number;
      content: GoalContent;
      achievement?: string;
      status?: GoalStatus;
      pendingAmendment?: unknown;
    }>;
  },
  sectionNames: (sectionIds: readonly string[]) => string[],
  layout?: SheetLayout,
): SheetDocument {
  const { fiscalYear, createdOn, headTitle, headName } = sheet.header;
  return {
    fiscalYear,
    createdOn,
    headTitle,
    headName,
    goals: sheet.rows.map((r) => ({
      number: r.number,
      ...r.content,
      sections: sectionNames(r.content.sections),
      achievement: r.achievement,
      ...(r.status ? { state: goalStatusLabel(r.status, r.pendingAmendment) } : {}),
    })),
    layout,
  };
}
