/**
 * What a projection asks of Redis, as data. Projections return these and never touch Redis; the
 * projector is the one writer that applies them, together with the checkpoint, in one MULTI/EXEC.
 * Keys are relative: the projector puts its key prefix in front, so a rebuild can run beside the
 * live models under another prefix and the two can be compared.
 */
export type Change =
  | { op: 'set'; key: string; value: string }
  | { op: 'del'; key: string }
  | { op: 'hset'; key: string; fields: Record<string, string> }
  | { op: 'zadd'; key: string; score: number; member: string }
  | { op: 'zrem'; key: string; member: string }
  | { op: 'rpush'; key: string; value: string };

/**
 * The read models' key layout, relative to the prefix. One place, shared by projections and queries.
 * Departments and sections are in keys by id, never by name: a 課 renamed on 4月1日 keeps its keys.
 */
export const keys = {
  checkpoint: 'checkpoint',
  /**
   * string: the layout the models under this prefix were written in. Models of another layout (those
   * of an older release, keyed by names) are dropped and rebuilt from the events at start.
   */
  layout: 'layout',
  /** pub/sub channel: the projector says which goals, sheets and departments a batch moved. */
  changesChannel: 'changes',
  parked: 'parked',
  sheet: (sheetId: string) => `sheet:${sheetId}`,
  /** zset: goalId scored by its 番号 on the sheet. */
  sheetNumbers: (sheetId: string) => `sheet:${sheetId}:numbers`,
  /** zset: sheetId scored by fiscal year. */
  sheets: 'sheets',
  sheetsOfDepartment: (departmentId: string) => `sheets:department:${departmentId}`,
  /** hash: publication summary as JSON by publication id (公表; the content itself stays in the event). */
  publications: 'publications',
  /**
   * string: the goal's view as JSON, its field names shortened (goal-view.codec.ts); also the
   * projection's memory of its current text, for diffs.
   */
  goal: (goalId: string) => `goal:${goalId}`,
  /**
   * lists: event positions in global order (the entries are made from the events when read; see
   * audit-trail.reader.ts).
   */
  auditOfGoal: (goalId: string) => `audit:goal:${goalId}`,
  auditOfSheet: (sheetId: string) => `audit:sheet:${sheetId}`,
  auditAll: 'audit:all',
  /** zset: goalId scored by the epoch ms since which it waits for the department head. */
  inbox: (departmentId: string) => `inbox:${departmentId}`,
  /** zset: ids of goal events decided by 代決 that the department head has not yet reviewed (後閲), by epoch ms. */
  reviews: (departmentId: string) => `reviews:${departmentId}`,
  /** hash: review item as JSON by the id of the goal event it is about. */
  reviewItems: 'reviews:items',
  /** zset: goalId scored by fiscal year. 共通 goals are under the section 共通. */
  sectionGoals: (departmentId: string, sectionId: string) => `section:${departmentId}:${sectionId}`,
  /** zset: goalId scored by its deadline as YYYYMMDD, while no achievement is recorded. */
  deadlines: 'deadlines',
  deadlinesOfDepartment: (departmentId: string) => `deadlines:department:${departmentId}`,
} as const;

/**
 * Written with the first batch; bumped whenever keys or values change shape. ids-2: the audit trail
 * keeps positions only (ids-1 also held every entry, about 1 KB an event), goal views have short
 * field names.
 */
export const READ_MODEL_LAYOUT = 'ids-2';

/**
 * A batch's changes as few commands as say the same: a string set (or a key deleted) before a later
 * set or delete of that key, and a zset member's score or removal before a later one of that
 * member, are dropped (the later one decides what stays), and pushes onto one list become one push,
 * in their order. Rebuilding writes each goal's view once per batch instead of once per event.
 */
export function coalesce(changes: readonly Change[]): Array<Change | { op: 'rpush'; key: string; values: string[] }> {
  const kept = decided(changes);
  const out: Array<Change | { op: 'rpush'; key: string; values: string[] }> = [];
  const pushes = new Map<string, string[]>();
  changes.forEach((change, i) => {
    if (!kept[i]) return;
    if (change.op !== 'rpush') return out.push(change);
    const values = pushes.get(change.key);
    if (values) return values.push(change.value);
    const merged = { op: 'rpush' as const, key: change.key, values: [change.value] };
    pushes.set(change.key, merged.values);
    out.push(merged);
  });
  return out;
}

/** A command as the projector sends it: what coalesce leaves, with a key's like changes made one. */
export type ModelCommand =
  | { op: 'mset'; entries: Array<{ key: string; value: string }> }
  | { op: 'del'; key: string }
  | { op: 'hset'; key: string; fields: Record<string, string> }
  | { op: 'zadd'; key: string; pairs: Array<number | string> }
  | { op: 'zrem'; key: string; members: string[] }
  | { op: 'rpush'; key: string; values: string[] };

/**
 * A batch's changes as few commands as say the same: what coalesce keeps, every string set in one MSET, and a key's
 * ZADDs, ZREMs, HSETs or RPUSHes that follow one another (nothing else touching that key between
 * them) in one command each, at the place of the first. Each command touches one key (MSET only
 * strings, each set or deleted once a batch after coalesce), so commands on other keys commute
 * with it and every key sees its changes in their order: the models come out as they would
 * command by command. A rebuild sent about seven commands a goal; now one or two.
 */
export function asCommands(changes: readonly Change[]): ModelCommand[] {
  const kept = decided(changes);
  const out: ModelCommand[] = [];
  const lastOf = new Map<string, ModelCommand>();
  let mset: Extract<ModelCommand, { op: 'mset' }> | undefined;
  for (let i = 0; i < changes.length; i++) {
    if (!kept[i]) continue;
    const change = changes[i];
    const last = lastOf.get(change.key);
    switch (change.op) {
      case 'set':
        if (!mset) out.push((mset = { op: 'mset', entries: [] }));
        mset.entries.push({ key: change.key, value: change.value });
        lastOf.set(change.key, mset);
        continue;
      case 'del': {
        const command: ModelCommand = { op: 'del', key: change.key };
        out.push(command);
        lastOf.set(change.key, command);
        continue;
      }
      case 'hset':
        if (last?.op === 'hset') Object.assign(last.fields, change.fields);
        else add({ op: 'hset', key: change.key, fields: { ...change.fields } });
        continue;
      case 'zadd':
        if (last?.op === 'zadd') last.pairs.push(change.score, change.member);
        else add({ op: 'zadd', key: change.key, pairs: [change.score, change.member] });
        continue;
      case 'zrem':
        if (last?.op === 'zrem') last.members.push(change.member);
        else add({ op: 'zrem', key: change.key, members: [change.member] });
        continue;
      case 'rpush':
        if (last?.op === 'rpush') last.values.push(change.value);
        else add({ op: 'rpush', key: change.key, values: [change.value] });
        continue;
    }
  }
  return out;

  function add(command: Exclude<ModelCommand, { op: 'mset' }>): void {
    out.push(command);
    lastOf.set(command.key, command);
  }
}

/**
 * Which changes coalesce keeps: walking back from the last, the last set or delete of a key and the
 * last score or removal of a zset member decide; earlier ones are dropped.
 */
function decided(changes: readonly Change[]): Uint8Array {
  const kept = new Uint8Array(changes.length);
  const keyDecided = new Set<string>();
  const membersDecided = new Map<string, Set<string>>();
  for (let i = changes.length - 1; i >= 0; i--) {
    const change = changes[i];
    if (change.op === 'set' || change.op === 'del') {
      if (keyDecided.has(change.key)) continue;
      keyDecided.add(change.key);
    } else if (change.op === 'zadd' || change.op === 'zrem') {
      let members = membersDecided.get(change.key);
      if (!members) membersDecided.set(change.key, (members = new Set()));
      if (members.has(change.member)) continue;
      members.add(change.member);
    }
    kept[i] = 1;
  }
  return kept;
}
