/**
 * Who may do what, as pure functions. Each refusal names the rule, so a 403 tells the user why.
 *
 * The rules, from the sheet's workflow:
 * - auditors read everything and never write; admins keep the directory, not goals;
 * - 企画担当 (the planning office) reads every department's sheets, reports and publications of any
 *   year to see the whole city (全庁の状況), and writes nothing on them;
 * - a section head acts only on goals of their own section(s) — a goal shared by several sections
 *   belongs to each of their heads — and never on a 共通 goal, which belongs to the department head;
 * - only the head of the goal's department approves, returns and confirms, and opens or orders the sheet;
 * - 代決: while a delegation of that department is in force on the day, its delegate approves, returns
 *   and confirms in the head's stead — as themselves, acting for the head, never with the head's role;
 * - nobody decides their own proposal (決裁 rules): not the goal they drafted, revised or submitted, not the
 *   amendment they asked for, not the achievement they recorded, in any capacity; and a delegate never
 *   decides for the head a goal of a 課 their own post carries. The one exception is the head's own 共通
 *   goal, decided by the head in their own right: the sheet is theirs, and no one above them decides in
 *   the service.
 */
import { ActingFor } from './delegation/acting-for';
import { Actor } from './directory';
import { NotAllowed } from './errors';
import { COMMAND_JA } from './messages.ja';
import { GoalCommandType } from './goal/goal.commands';
import { isCommonGoal } from './goal/goal-content';

export const AUDITOR_JA = '監査は閲覧だけができます。変更はできません';

export type SheetCommandType = 'OpenSheet' | 'RenumberGoals' | 'ImportSheet' | 'PublishSheet';

/** Commands the department head gives on a goal; all others are the goal author's. */
const DECISIONS: ReadonlySet<GoalCommandType> = new Set(['ApproveGoal', 'ReturnGoal', 'ConfirmAchievement']);

/**
 * The goal as the rules see it: its department and sections by id (共通 as it is), compared with the
 * ids of the post the actor holds on the day of the command. `names` are those of the goal's fiscal
 * year, for refusals people read.
 */
export interface GoalOwnership {
  departmentId: string;
  sections: readonly string[];
  /**
   * The sections that carry the goal's sections' work on the day (lineage: 市民課 merged into
   * 市民経済課 on 4月1日 is 市民経済課's from then on); the goal's own sections when absent.
   */
  carriedBy?: readonly string[];
  names?: { department: string; sections: readonly string[] };
  /** Login ids of those who proposed what a decision decides (proposersOf); checked on decisions only. */
  proposedBy?: readonly string[];
}

/** The department and sections of the post that decides what the actor may do, by id. */
function postOf(actor: Actor): { departmentId?: string; sectionIds: readonly string[] } {
  return { departmentId: actor.post?.departmentId, sectionIds: actor.post?.sectionIds ?? [] };
}

/** 次年度への引継ぎ: who may mark a goal 継続 or carry it is who may write it (its 部長, its 課の課長). */
export type CarryOverCommandType = 'MarkContinuing' | 'CarryOverGoal';
const CARRY_OVER: ReadonlySet<string> = new Set<CarryOverCommandType>(['MarkContinuing', 'CarryOverGoal']);

export function authorizeGoalCommand(
  actor: Actor,
  command: GoalCommandType | CarryOverCommandType,
  goal: GoalOwnership,
  actingFor?: ActingFor,
): void {
  refuseNonWriters(actor);
  const department = goal.names?.department ?? goal.departmentId;
  const post = postOf(actor);
  if (actingFor && DECISIONS.has(command as GoalCommandType) && actingFor.departmentId === goal.departmentId) {
    refuseOwnProposal(actor, command, goal, post, actingFor);
    return;
  }
  // A 課 moved to another 部 on 4月1日 takes its work along: its 課長 finishes the goals it had on the
  // old 部's sheet (revising, recording 実績). Deciding them stays with the head of the sheet's 部.
  const ownSectionMoved =
    !DECISIONS.has(command as GoalCommandType) && !isCommonGoal(goal.sections) && carriesGoal(post.sectionIds, goal);
  if (post.departmentId !== goal.departmentId && !ownSectionMoved)
    throw new NotAllowed(
      'own-department',
      `${actor.userId} does not belong to ${department}`,
      `${postNowJa(actor)}、${department}の目標は${commandJa(command)}できません`,
    );
  // 次年度への引継ぎ: the 部長 carries (and marks 継続) any goal of the department, a 課長 their section's.
  if (CARRY_OVER.has(command) && actor.role === 'departmentHead') return;
  if (DECISIONS.has(command as GoalCommandType)) {
    if (actor.role !== 'departmentHead')
      throw new NotAllowed(
        'department-head-decides',
        `only the head of ${department}, or a person they delegated to (代決) for today, may ${verb(command)}`,
        `目標の${commandJa(command)}は${department}長（または今日の代決者）だけができます`,
      );
    refuseOwnProposal(actor, command, goal, post);
    return;
  }
  if (isCommonGoal(goal.sections)) {
    if (actor.role !== 'departmentHead')
      throw new NotAllowed(
        'common-goal-belongs-to-department-head',
        'a 共通 goal belongs to the department head',
        `「共通」の目標は部長が書きます。課長は${commandJa(command)}できません`,
      );
    return;
  }
  // 庶務担当 drafts and revises for their sections; submitting is the section head's.
  const clerkMay =
    actor.role === 'clerk' && (command === 'DraftGoal' || command === 'ReviseGoal' || command === 'DeleteGoal');
  if (actor.role !== 'sectionHead' && !clerkMay)
    throw new NotAllowed(
      'section-goal-belongs-to-section-head',
      "a section's goal is written by its section head",
      `課の目標はその課の課長が書きます。${postNowJa(actor)}、${commandJa(command)}できません`,
    );
  if (!carriesGoal(post.sectionIds, goal))
    throw new NotAllowed(
      'own-section',
      `${actor.userId} works for none of ${(goal.names?.sections ?? goal.sections).join('、')}`,
      `${postNowJa(actor)}、${(goal.names?.sections ?? goal.sections).join('、')}の目標は${commandJa(command)}できません`,
    );
}

/** 決裁 rules: a decision is never taken by the person whose proposal it decides. */
function refuseOwnProposal(
  actor: Actor,
  command: GoalCommandType | CarryOverCommandType,
  goal: GoalOwnership,
  post: { sectionIds: readonly string[] },
  actingFor?: ActingFor,
): void {
  const headsOwnCommonGoal = !actingFor && actor.role === 'departmentHead' && isCommonGoal(goal.sections);
  if (goal.proposedBy?.includes(actor.userId) && !headsOwnCommonGoal)
    throw new NotAllowed(
      'no-self-decision',
      command === 'ConfirmAchievement'
        ? `${actor.userId} recorded this achievement and may not confirm it`
        : `${actor.userId} proposed this and may not decide it`,
      command === 'ConfirmAchievement'
        ? '自ら記録した達成状況を自ら確認することはできません'
        : '自ら提出した目標を自ら決裁することはできません',
    );
  if (actingFor && !isCommonGoal(goal.sections) && carriesGoal(post.sectionIds, goal))
    throw new NotAllowed(
      'no-self-decision',
      `${actor.userId} may not decide a goal of their own section under 代決`,
      `自らの課（${(goal.names?.sections ?? goal.sections).join('、')}）の目標を代決することはできません`,
    );
}

/** Why the post decides: 「今日の職が総務課長のため」, as a clerk would explain it. */
export function postNowJa(actor: Actor): string {
  return actor.post ? `今日の職が${actor.post.title}のため` : '今日の時点で職についていないため';
}

function commandJa(command: string): string {
  return COMMAND_JA[command] ?? '操作';
}

/** Whether a post's sections are the goal's, or carry their work on the day (lineage). */
function carriesGoal(sectionIds: readonly string[], goal: GoalOwnership): boolean {
  return [...goal.sections, ...(goal.carriedBy ?? [])].some((s) => sectionIds.includes(s));
}

/** `department`: the sheet's department by id, and its name (of the sheet's year) for refusals. */
export function authorizeSheetCommand(
  actor: Actor,
  command: SheetCommandType,
  department: { departmentId: string; name?: string },
): void {
  refuseNonWriters(actor);
  if (actor.role !== 'departmentHead')
    throw new NotAllowed(
      'department-head-keeps-sheet',
      `only a department head may ${verb(command)}`,
      `${commandJa(command)}は部長だけができます`,
    );
  if (postOf(actor).departmentId !== department.departmentId)
    throw new NotAllowed(
      'own-department',
      `${actor.userId} does not belong to ${department.name ?? department.departmentId}`,
      `${postNowJa(actor)}、${department.name ?? department.departmentId}の${commandJa(command)}はできません`,
    );
}

export type DelegationCommandType = 'GrantDelegation' | 'RevokeDelegation' | 'AcknowledgeDelegatedDecision';

/**
 * 代決 is the head's own to give, end and review; a delegate cannot pass it on. An administrator may
 * enter or end one for the head (the head fell ill, the 事務決裁規程 names the 代決者 by post), never
 * review one: 後閲 is the head's reading of what was decided in their name.
 */
/** `department`: by id, as the head's post holds it (a rename changes nothing), and its name for refusals. */
export function authorizeDelegation(
  actor: Actor,
  command: DelegationCommandType,
  department: { departmentId: string; name?: string },
): void {
  if (actor.role === 'admin' && command !== 'AcknowledgeDelegatedDecision') return;
  refuseNonWriters(actor);
  if (actor.role !== 'departmentHead' || postOf(actor).departmentId !== department.departmentId)
    throw new NotAllowed(
      'department-head-delegates',
      `only the head of ${department.name ?? department.departmentId} may ${verb(command)}`,
      `${commandJa(command)}は${department.name ?? department.departmentId}の部長だけができます`,
    );
}

/**
 * Bringing in an old sheet: the department head for their own department; an administrator for any,
 * because the city's old sheets are brought in once, centrally, often before the heads have accounts.
 */
export function authorizeSheetImport(actor: Actor, department: { departmentId: string; name?: string }): void {
  if (actor.role === 'admin') return;
  refuseNonWriters(actor);
  authorizeSheetCommand(actor, 'ImportSheet', department);
}

/**
 * Keeping the directory (departments, sections, people, posts, 機構改革, the roster): an administrator,
 * by the 管理者 post held today as much as by the role in the token.
 */
export function authorizeDirectoryAdmin(actor: Actor): void {
  if (actor.role === 'admin' || actor.posts?.some((p) => p.kind === 'admin')) return;
  if (actor.role === 'auditor') throw new NotAllowed('auditor-read-only', 'auditors never write', AUDITOR_JA);
  refusePlanningWrite(actor);
  throw new NotAllowed(
    'admins-only',
    'only an administrator keeps the directory',
    '組織と職員の情報を変更できるのは管理者だけです',
  );
}

/** Those who read every department's sheets of any year: 監査 and 企画担当. */
export function readsEveryDepartment(actor: Actor): boolean {
  return actor.role === 'auditor' || actor.role === 'planning';
}

/** Reads: auditors and the planning office see everything; others their own department (by id, as their post holds it today). */
export function mayReadDepartment(actor: Actor, departmentId: string): boolean {
  return readsEveryDepartment(actor) || postOf(actor).departmentId === departmentId;
}

/**
 * 全庁の状況 (every department's figures side by side) is the planning office's, and the auditor's, who
 * reads everything anyway. A 部長 or 課長 sees their own department's sheet, not the city's.
 */
export function authorizeOverview(actor: Actor): void {
  if (!readsEveryDepartment(actor))
    throw new NotAllowed(
      'planning-office-only',
      'only the planning office (企画担当) and auditors see every department',
      '全庁の状況は企画担当と監査だけが見られます',
    );
}

/** The refusal the planning office gets on every write: it reads the whole city and changes none of it. */
export function refusePlanningWrite(actor: Actor): void {
  if (actor.role === 'planning')
    throw new NotAllowed(
      'planning-read-only',
      'the planning office (企画担当) reads every department and writes nothing',
      '企画担当は全庁の目標を閲覧できますが、書き込むことはできません',
    );
}

/**
 * Reading one goal: whoever reads its department, and the 課長 (or 庶務担当) of a 課 that carries it —
 * after a 課 moved to another 部, its last year's goals are still its own to read and finish.
 */
export function mayReadGoal(actor: Actor, goal: GoalOwnership): boolean {
  return (
    mayReadDepartment(actor, goal.departmentId) ||
    ((actor.role === 'sectionHead' || actor.role === 'clerk') && carriesGoal(postOf(actor).sectionIds, goal))
  );
}

function refuseNonWriters(actor: Actor): void {
  refusePlanningWrite(actor);
  if (actor.role === 'auditor') throw new NotAllowed('auditor-read-only', 'auditors never write', AUDITOR_JA);
  if (actor.role === 'admin')
    throw new NotAllowed(
      'admin-directory-only',
      'admins keep the directory, not goals',
      '管理者は組織と職員の情報を管理します。目標や整理表の変更はできません',
    );
}

function verb(command: string): string {
  return command.replace(/([a-z])([A-Z])/g, '$1 $2').toLowerCase();
}
