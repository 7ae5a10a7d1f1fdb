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
  DEFAULT_ACHIEVEMENT_SCALE,
  DEFAULT_CATEGORIES,
  envelope,
  foldGoal,
  foldSheet,
  GOAL_EVENTS,
  GoalCommand,
  GoalContent,
  GoalEvent,
  GoalRules,
  goalStreamId,
  SHEET_EVENTS,
  SheetEvent,
  SheetHeader,
  sheetStreamId,
} from '@goals/domain';
import { derivedUuid, EventStore, NewEvent } from '@goals/event-store';
import { legacyNamesOf } from '../organisation.reader';
import { emptyOrganisation } from '@goals/domain';

/** Ids as the directory seed derives them from config/directory.json, so these events match a seeded store. */
export const citizenLifeId = derivedUuid('department', '市民生活部');
export const sectionIdOf = (name: string) => derivedUuid('section', '市民生活部', name);
const SECTIONS = ['市民課', '経済課', '協働コミュニティ課', '文化振興課', '人権平和課', 'スポーツ振興課'];

export const citizenLifeRules: GoalRules = {
  categories: DEFAULT_CATEGORIES,
  achievementScale: DEFAULT_ACHIEVEMENT_SCALE,
  department: {
    departmentId: citizenLifeId,
    name: '市民生活部',
    headTitle: '市民生活部長',
    sections: SECTIONS.map((name) => ({ sectionId: sectionIdOf(name), name })),
  },
};

const post = (kind: 'departmentHead' | 'sectionHead', title: string, sections?: string[]) => ({
  kind,
  title,
  departmentId: citizenLifeId,
  ...(sections ? { sectionIds: sections.map(sectionIdOf) } : {}),
});

export const departmentHead: Actor = {
  userId: 'bucho-sawayanagi',
  role: 'departmentHead',
  department: '市民生活部',
  sections: [],
  post: post('departmentHead', '市民生活部長'),
};
export const shiminKacho: Actor = {
  userId: 'kacho-shimin',
  role: 'sectionHead',
  department: '市民生活部',
  sections: ['市民課'],
  post: post('sectionHead', '市民課長', ['市民課']),
};
export const keizaiKacho: Actor = {
  userId: 'kacho-keizai',
  role: 'sectionHead',
  department: '市民生活部',
  sections: ['経済課'],
  post: post('sectionHead', '経済課長', ['経済課']),
};

export class SheetWorkflow {
  constructor(
    private readonly store: EventStore,
    private readonly now: () => Date,
    private readonly rules: GoalRules = citizenLifeRules,
  ) {}

  /** Everything here is written with ids; old events would be read with the seed's derived ids. */
  private readonly names = legacyNamesOf(emptyOrganisation());
  private get department() {
    return { departmentId: this.rules.department.departmentId, name: this.rules.department.name };
  }

  private toNew(events: Array<GoalEvent | SheetEvent>, by: Actor): NewEvent[] {
    const correlationId = randomUUID();
    const context = { actor: by, occurredAt: this.now().toISOString(), correlationId, causationId: correlationId };
    return events.map((e) => envelope(e, randomUUID(), context));
  }

  async openSheet(by: Actor, header: Omit<SheetHeader, 'sheetId'>, sheetId = randomUUID()): Promise<string> {
    const events = decideSheet({ type: 'OpenSheet', data: { ...header, sheetId }, by }, foldSheet([]), this.department);
    await this.store.append(sheetStreamId(sheetId), this.toNew(events, by), { expectedRevision: 'no_stream' });
    return sheetId;
  }

  async draft(by: Actor, sheetId: string, content: GoalContent, goalId = randomUUID()): Promise<string> {
    const { events: sheetEvents } = await this.store.readStream(sheetStreamId(sheetId));
    const sheet = foldSheet(SHEET_EVENTS.read(sheetEvents, { names: this.names }));
    if (sheet.status !== 'open') throw new Error(`sheet ${sheetId} is not open`);
    const drafted = decideGoal(
      {
        type: 'DraftGoal',
        by,
        data: {
          goalId,
          sheet: { sheetId, departmentId: sheet.header.departmentId, fiscalYear: sheet.header.fiscalYear },
          content,
        },
      },
      foldGoal([]),
      this.rules,
    );
    await this.store.append(goalStreamId(goalId), this.toNew(drafted, by), { expectedRevision: 'no_stream' });
    const registered = decideSheet({ type: 'RegisterGoal', data: { goalId } }, sheet, this.department);
    await this.store.append(sheetStreamId(sheetId), this.toNew(registered, by), {
      expectedRevision: BigInt(sheetEvents.length - 1),
    });
    return goalId;
  }

  /** Gives a command on an existing goal; `data` as in the command type. */
  async act(goalId: string, command: Exclude<GoalCommand, { type: 'DraftGoal' }>): Promise<void> {
    const stream = goalStreamId(goalId);
    const { events: recorded } = await this.store.readStream(stream);
    const state = foldGoal(GOAL_EVENTS.read(recorded, { names: this.names }));
    const events = decideGoal(command, state, this.rules);
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
  sections: [sectionIdOf('市民課')],
};

export const keizaiGoal: GoalContent = {
  title: 'こくベジプロジェクトの推進',
  category: 'ビジョン',
  targetLevel: 'こくベジ(地場産農畜産物)を中心とした地域経済の活性化が図られている。',
  method: '令和元年度に立ち上げたこくベジプロジェクトを推進する。',
  deadlineMonth: 3,
  sections: [sectionIdOf('経済課')],
};
