import { eventSchema } from '../events/event-schema';

/**
 * 公表: a department's sheet published to citizens as a frozen version. A publication holds the
 * published text itself, so nothing written to the goals later can change what was published.
 * One stream per sheet (`publications-<sheetId>`): versions count per sheet and kind there.
 */
export const PUBLICATION_KINDS = ['setting', 'midterm', 'result'] as const;
export type PublicationKind = (typeof PUBLICATION_KINDS)[number];

/** The kinds as the city names them on its website. */
export const PUBLICATION_KIND_LABELS: Record<PublicationKind, string> = {
  setting: '目標設定時',
  midterm: '中間',
  result: '結果',
};

/** One goal as published: the eight columns of the sheet, sections by their names of the fiscal year. */
export interface PublishedGoal {
  /** 番号 */
  number: number;
  /** 実施項目 */
  title: string;
  /** 計画・方針等の分類 */
  category: string;
  /** どの水準まで */
  targetLevel: string;
  /** どのような方法で */
  method: string;
  /** いつまで: month of the fiscal year */
  deadlineMonth: number;
  /** 共通/課名, as named in the fiscal year */
  sections: string[];
  /** 達成状況: the confirmed level (結果 only), else null */
  achievement: string | null;
}

/** Exactly what a publication shows, and what its hash covers (canonicalPublicationText). */
export interface PublishedSheet {
  publicationId: string;
  sheetId: string;
  departmentId: string;
  /** The department's name in the sheet's fiscal year. */
  department: string;
  fiscalYear: number;
  kind: PublicationKind;
  version: number;
  /** Store position the sheet was read at: verification of the store up to here covers this content. */
  position: string;
  /** ISO-8601 instant of publication. */
  publishedAt: string;
  /** 作成日, 職名, 氏名 as the sheet's header holds them. */
  createdOn: string;
  headTitle: string;
  headName: string;
  goals: PublishedGoal[];
}

export type SheetPublished = {
  type: 'SheetPublished';
  data: {
    /** The sheet's id at the top, where the audit trail files every event of a sheet. */
    sheetId: string;
    content: PublishedSheet;
    /** SHA-256 of canonicalPublicationText(content), lowercase hex. */
    contentHash: string;
    /** Who published it, by name, for the public page (the metadata keeps the full actor). */
    publishedBy: { userId: string; name?: string; postTitle?: string };
  };
};

export type PublicationEvent = SheetPublished;

export const PUBLICATION_EVENT_TYPES = ['SheetPublished'] as const satisfies readonly PublicationEvent['type'][];

export const PUBLICATION_EVENTS = eventSchema<PublicationEvent>(PUBLICATION_EVENT_TYPES, {});

export function publicationStreamId(sheetId: string): string {
  return `publications-${sheetId}`;
}
