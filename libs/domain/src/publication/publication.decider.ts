/**
 * 公表 as a decider. The 部長 publishes the sheet as it stands at a store position; only approved text
 * goes out (a draft, a submission or a change request waiting for approval never does: a goal with a
 * pending change is published with the text approved before it). Each publication is a new version
 * per sheet and kind, and carries its own content, so later changes to the goals never alter it.
 */
import { Actor } from '../directory';
import { IllegalTransition, InvalidInput } from '../errors';
import { GoalContent } from '../goal/goal-content';
import { GoalStatus } from '../goal/goal.decider';
import { authorizeSheetCommand } from '../permissions';
import {
  PUBLICATION_KINDS,
  PublicationEvent,
  PublicationKind,
  PublishedGoal,
  PublishedSheet,
} from './publication.events';

/** A goal of the sheet as read at the publication's position; sections already named for its year. */
export interface GoalAtPosition {
  number: number;
  status: GoalStatus;
  content: GoalContent;
  /** The level a 部長 confirmed; anything else (a 課長's unconfirmed rating) is not published. */
  confirmedAchievement?: string;
  hasPendingAmendment: boolean;
}

export interface SheetAtPosition {
  sheetId: string;
  departmentId: string;
  department: string;
  fiscalYear: number;
  createdOn: string;
  headTitle: string;
  headName: string;
  goals: GoalAtPosition[];
}

export type PublishSheet = {
  type: 'PublishSheet';
  data: {
    kind: string;
    publicationId: string;
    position: string;
    publishedAt: string;
    sheet: SheetAtPosition;
  };
  by: Actor;
};

export interface PublicationSummary {
  publicationId: string;
  kind: PublicationKind;
  version: number;
  contentHash: string;
  position: string;
}

export type PublicationState = { publications: PublicationSummary[] };

export function initialPublicationState(): PublicationState {
  return { publications: [] };
}

/** What the decider needs from outside: SHA-256 (the domain does no hashing I/O of its own). */
export interface PublicationTools {
  sha256Hex(text: string): string;
}

/** Room left under the store's 1 MiB for one append's metadata, type and id. */
export const MAX_PUBLICATION_BYTES = 900 * 1024;

const APPROVED: ReadonlySet<GoalStatus> = new Set(['approved', 'achievementRecorded', 'confirmed']);

export function isPublicationKind(kind: unknown): kind is PublicationKind {
  return typeof kind === 'string' && (PUBLICATION_KINDS as readonly string[]).includes(kind);
}

/** The goals a publication of this kind shows: approved text only, 達成状況 only when confirmed and for 結果. */
export function publishedGoalsOf(sheet: SheetAtPosition, kind: PublicationKind): PublishedGoal[] {
  return sheet.goals
    .filter((g) => APPROVED.has(g.status))
    .sort((a, b) => a.number - b.number)
    .map((g) => ({
      number: g.number,
      title: g.content.title,
      category: g.content.category,
      targetLevel: g.content.targetLevel,
      method: g.content.method,
      deadlineMonth: g.content.deadlineMonth,
      sections: [...g.content.sections],
      achievement: kind === 'result' && g.status === 'confirmed' ? (g.confirmedAchievement ?? null) : null,
    }));
}

/** What the preview tells the 部長 about goals left out or published with their earlier text. */
export function publicationNotes(sheet: SheetAtPosition): string[] {
  const notes: string[] = [];
  for (const g of [...sheet.goals].sort((a, b) => a.number - b.number)) {
    if (!APPROVED.has(g.status))
      notes.push(`番号${g.number}「${g.content.title}」は承認されていないため公表されません。`);
    else if (g.hasPendingAmendment)
      notes.push(`番号${g.number}「${g.content.title}」は変更の承認待ちのため、承認済みの内容で公表されます。`);
  }
  return notes;
}

/**
 * The text the hash is taken of: JSON with keys in code-point order at every level and no spaces, so
 * anyone holding the published content can compute the same hash with any JSON library.
 */
export function canonicalPublicationText(content: PublishedSheet): string {
  return canonicalJson(content);
}

function canonicalJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
  if (value !== null && typeof value === 'object')
    return `{${Object.keys(value)
      .filter((k) => (value as Record<string, unknown>)[k] !== undefined)
      .sort()
      .map((k) => `${JSON.stringify(k)}:${canonicalJson((value as Record<string, unknown>)[k])}`)
      .join(',')}}`;
  return JSON.stringify(value);
}

export function decidePublication(
  command: PublishSheet,
  state: PublicationState,
  tools: PublicationTools,
): PublicationEvent[] {
  const { kind, sheet, publicationId, position, publishedAt } = command.data;
  if (!isPublicationKind(kind))
    throw InvalidInput.of('kind', '公表の種類は setting（目標設定時）、midterm（中間）、result（結果）のいずれかです');
  authorizeSheetCommand(command.by, 'PublishSheet', { departmentId: sheet.departmentId, name: sheet.department });
  const goals = publishedGoalsOf(sheet, kind);
  if (goals.length === 0)
    throw new IllegalTransition('PublishSheet', 'nothing approved', '承認済みの目標がまだないため、公表できません');
  const version = state.publications.filter((p) => p.kind === kind).length + 1;
  const content: PublishedSheet = {
    publicationId,
    sheetId: sheet.sheetId,
    departmentId: sheet.departmentId,
    department: sheet.department,
    fiscalYear: sheet.fiscalYear,
    kind,
    version,
    position,
    publishedAt,
    createdOn: sheet.createdOn,
    headTitle: sheet.headTitle,
    headName: sheet.headName,
    goals,
  };
  const text = canonicalPublicationText(content);
  const bytes = new TextEncoder().encode(text).length;
  if (bytes > MAX_PUBLICATION_BYTES)
    throw InvalidInput.of(
      'sheet',
      `公表する内容が大きすぎます（${Math.ceil(bytes / 1024)} KB）。一度に公表できるのは ${MAX_PUBLICATION_BYTES / 1024} KB までです`,
    );
  const { userId, name, post } = command.by;
  return [
    {
      type: 'SheetPublished',
      data: {
        sheetId: sheet.sheetId,
        content,
        contentHash: tools.sha256Hex(text),
        publishedBy: { userId, ...(name ? { name } : {}), ...(post?.title ? { postTitle: post.title } : {}) },
      },
    },
  ];
}

export function evolvePublication(state: PublicationState, event: PublicationEvent): PublicationState {
  switch (event.type) {
    case 'SheetPublished': {
      const { publicationId, kind, version, position } = event.data.content;
      return {
        publications: [
          ...state.publications,
          { publicationId, kind, version, position, contentHash: event.data.contentHash },
        ],
      };
    }
  }
}

export function foldPublications(events: readonly PublicationEvent[]): PublicationState {
  return events.reduce(evolvePublication, initialPublicationState());
}

/** A publication by the hash as printed: the whole hash, or its first characters (at least 8). */
export function matchesHash(contentHash: string, printed: string): boolean {
  const wanted = printed.trim().toLowerCase();
  return wanted.length >= 8 && /^[0-9a-f]+$/.test(wanted) && contentHash.startsWith(wanted);
}
