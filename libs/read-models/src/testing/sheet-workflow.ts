/**
 * Drives the real deciders against a real store, the way the command handlers will: read the
 * stream, fold, decide, append at the expected revision. Tests, the benchmark and the projector's
 * crash test use it to produce histories that the rules would have allowed.
 */
import { randomUUID } from 'node:crypto';
import {
  Actor,
  decideGoal,
  decideSheet,
  Directory,
  envelope,
  foldGoal,
  foldSheet,
  GOAL_EVENTS,
  GoalCommand,
  GoalContent,
  GoalEvent,
  goalStreamId,
  SHEET_EVENTS,
  SheetEvent,
  SheetHeader,
  sheetStreamId,
} from '@goals/domain';
import { EventStore, NewEvent } from '@goals/event-store';

export const citizenLifeDirectory: Directory = {
  departments: [
    {
      name: '市民生活部',
      headTitle: '市民生活部長',
      sections: ['市民課', '経済課', '協働コミュニティ課', '文化振興課', '人権平和課', 'スポーツ振興課'],
    },
  ],
  categories: ['行政改革', '施政方針', 'ビジョン', '個別計画', 'その他'],
  achievementScale: ['高度に達成した', 'ほぼ達成した', '一部達成した', '達成できなかった'],
  users: [],
};

export const departmentHead: Actor = {
  userId: 'bucho-sawayanagi',
  role: 'departmentHead',
  department: '市民生活部',
  sections: [],
};
export const shiminKacho: Actor = {
  userId: 'kacho-shimin',
  role: 'sectionHead',
  department: '市民生活部',
  sections: ['市民課'],
};
export const keizaiKacho: Actor = {
  userId: 'kacho-keizai',
  role: 'sectionHead',
  department: '市民生活部',
  sections: ['経済課'],
};

export class SheetWorkflow {
  constructor(
    private readonly store: EventStore,
    private readonly now: () => Date,
    private readonly directory: Directory = citizenLifeDirectory,
  ) {}

  private toNew(events: Array<GoalEvent | SheetEvent>, by: Actor): NewEvent[] {
    const correlationId = randomUUID();
    const context = { actor: by, occurredAt: this.now().toISOString(), correlationId, causationId: correlationId };
    return events.map((e) => envelope(e, randomUUID(), context));
  }

  async openSheet(by: Actor, header: Omit<SheetHeader, 'sheetId'>, sheetId = randomUUID()): Promise<string> {
    const events = decideSheet({ type: 'OpenSheet', data: { ...header, sheetId }, by }, foldSheet([]), this.directory);
    await this.store.append(sheetStreamId(sheetId), this.toNew(events, by), { expectedRevision: 'no_stream' });
    return sheetId;
  }

  async draft(by: Actor, sheetId: string, content: GoalContent, goalId = randomUUID()): Promise<string> {
    const { events: sheetEvents } = await this.store.readStream(sheetStreamId(sheetId));
    const sheet = foldSheet(SHEET_EVENTS.read(sheetEvents));
    if (sheet.status !== 'open') throw new Error(`sheet ${sheetId} is not open`);
    const drafted = decideGoal(
      {
        type: 'DraftGoal',
        by,
        data: {
          goalId,
          sheet: { sheetId, department: sheet.header.department, fiscalYear: sheet.header.fiscalYear },
          content,
        },
      },
      foldGoal([]),
      this.directory,
    );
    await this.store.append(goalStreamId(goalId), this.toNew(drafted, by), { expectedRevision: 'no_stream' });
    const registered = decideSheet({ type: 'RegisterGoal', data: { goalId } }, sheet, this.directory);
    await this.store.append(sheetStreamId(sheetId), this.toNew(registered, by), {
      expectedRevision: BigInt(sheetEvents.length - 1),
    });
    return goalId;
  }

  /** Gives a command on an existing goal; `data` as in the command type. */
  async act(goalId: string, command: Exclude<GoalCommand, { type: 'DraftGoal' }>): Promise<void> {
    const stream = goalStreamId(goalId);
    const { events: recorded } = await this.store.readStream(stream);
    const state = foldGoal(GOAL_EVENTS.read(recorded));
    const events = decideGoal(command, state, this.directory);
    await this.store.append(stream, this.toNew(events, command.by), { expectedRevision: BigInt(recorded.length - 1) });
  }
}

export const shiminGoal: GoalContent = {
  title: '転出・転入手続のワンストップ化の実現',
  category: '行政改革',
  targetLevel:
    '個人番号カード所持者が、マイナポータルからオンラインで転出届・転入予約を行い、転入地市区町村があらかじめ通知された転出証明書情報により事前準備を行うことで、転出・転入手続の時間短縮とワンストップ化が図られている。',
  method: '職員が制度を理解し、システム会社と調整を図ることで、住民基本台帳システムの改修を行う。',
  deadlineMonth: 2,
  sections: ['市民課'],
};

export const keizaiGoal: GoalContent = {
  title: 'こくベジプロジェクトの推進',
  category: 'ビジョン',
  targetLevel: 'こくベジ(地場産農畜産物)を中心とした地域経済の活性化が図られている。',
  method: '令和元年度に立ち上げたこくベジプロジェクトを推進する。',
  deadlineMonth: 3,
  sections: ['経済課'],
};
