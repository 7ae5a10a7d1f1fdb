/**
 * A goal's view as Redis keeps it: its JSON, with every field name known here written as one
 * letter. The goals' views are most of the read models' memory (a city's decade of history holds
 * some 150,000 goals), and their field names were a fifth of each view.
 */
import { GOAL_FIELDS } from '@goals/domain';
import { GoalView } from './read-model.views';

const NAMES = [
  'status',
  'goalId',
  'sheetId',
  'departmentId',
  'fiscalYear',
  'content',
  'pendingAmendment',
  'lastReturnReason',
  'achievement',
  'confirmedLevel',
  'revision',
  'updatedAt',
  'changes',
  'reason',
  'level',
  'comment',
  ...GOAL_FIELDS,
] as const;

const LETTERS = 'abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ';
const SHORT = new Map<string, string>(NAMES.map((name, i) => [name, LETTERS[i]]));
const LONG = new Map<string, string>(NAMES.map((name, i) => [LETTERS[i], name]));

export function encodeGoalView(view: GoalView): string {
  return shortJson(view) ?? 'null';
}

/**
 * JSON.stringify(renamed(value, SHORT, true)), written in one pass without the renamed copy (a
 * replay encodes a view per goal and batch): the same text, byte for byte.
 */
function shortJson(value: unknown): string | undefined {
  if (value === null || typeof value !== 'object') return JSON.stringify(value);
  if (Array.isArray(value)) {
    let out = '[';
    for (let i = 0; i < value.length; i++) out += (i ? ',' : '') + (shortJson(value[i]) ?? 'null');
    return out + ']';
  }
  let out = '{';
  for (const key in value) {
    if (!Object.prototype.hasOwnProperty.call(value, key)) continue;
    const v = (value as Record<string, unknown>)[key];
    if (v === undefined) continue; // as JSON leaves it out
    // A field of one letter could not be told apart from a shortened name when read back.
    if (key.length === 1) throw new Error(`a goal view's field "${key}" is one letter long`);
    const written = shortJson(v);
    if (written === undefined) continue;
    out += (out.length > 1 ? ',' : '') + JSON.stringify(SHORT.get(key) ?? key) + ':' + written;
  }
  return out + '}';
}

export function decodeGoalView(stored: string): GoalView {
  return renamed(JSON.parse(stored), LONG, false) as GoalView;
}

function renamed(value: unknown, names: Map<string, string>, encoding: boolean): unknown {
  if (Array.isArray(value)) return value.map((v) => renamed(v, names, encoding));
  if (value === null || typeof value !== 'object') return value;
  const out: Record<string, unknown> = {};
  // for…in, not Object.entries: the same keys in the same order, without an array per object.
  for (const key in value) {
    if (!Object.prototype.hasOwnProperty.call(value, key)) continue;
    const v = (value as Record<string, unknown>)[key];
    if (v === undefined) continue; // as JSON leaves it out
    // A field of one letter could not be told apart from a shortened name when read back.
    if (encoding && key.length === 1) throw new Error(`a goal view's field "${key}" is one letter long`);
    out[names.get(key) ?? key] = renamed(v, names, encoding);
  }
  return out;
}
