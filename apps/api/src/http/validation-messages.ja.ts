/**
 * Each rule of a request DTO as a sentence a clerk reads: 「実施項目を入力してください」,
 * 「2,000字以内で入力してください（現在4,000字）」. Built from class-validator's own metadata, so a
 * rule added to a DTO without a sentence here answers in English and the messages test names it.
 */
import type { ValidationMetadata } from 'class-validator/types/metadata/ValidationMetadata';
import { FieldLabel } from './field-label';

/** Japanese sentences carry hiragana; an English text naming a 課 or a person carries only kanji. */
const HIRAGANA = /[\u3040-\u309f]/;
const count = (n: number) => n.toLocaleString('ja-JP');
const chars = (v: unknown) => (typeof v === 'string' ? [...v].length : 0);
const fill = (label: FieldLabel) => `${label.name}を${label.chosen ? '選んで' : '入力して'}ください`;

/** Texts given in a DTO's own `message`, by the English they say. */
const MESSAGES: Record<string, (label: FieldLabel) => string> = {
  'must not be blank': fill,
  'must be one line without control characters': (l) =>
    `${l.name}は1行で入力してください（改行や制御文字は使えません）`,
  'must not contain control characters other than line breaks': (l) =>
    `${l.name}に制御文字は使えません（改行は使えます）`,
  'must be a date, YYYY-MM-DD': (l) => `${l.name}は日付（例: 2026-04-01）で指定してください`,
  'must be 1 to 100 letters, digits or . _ @ -': (l) => `${l.name}は半角の英数字と . _ @ - で、100字以内にしてください`,
  'must be 1 to 20 letters or digits': (l) => `${l.name}は半角の英数字で、20字以内にしてください`,
  'must be a list of section names': (l) => `${l.name}は課名の一覧で指定してください`,
  'must be a list of goal ids': (l) => `${l.name}は目標IDの一覧で指定してください`,
  'must be a revision number, 0 or more': (l) => `${l.name}は0以上の整数で指定してください`,
};

/** The rule `m` refused `value`: what to do about it, in Japanese; undefined for a rule without a sentence. */
export function ruleReasonJa(m: ValidationMetadata, label: FieldLabel, value: unknown): string | undefined {
  const custom = typeof m.message === 'string' ? MESSAGES[m.message] : undefined;
  if (custom) return custom(label);
  // A DTO that already says its rule in Japanese (「開始日は…で指定してください」) is taken at its word.
  if (typeof m.message === 'string' && HIRAGANA.test(m.message)) return m.message;
  const [c0, c1] = (m.constraints ?? []) as unknown[];
  const each = m.each ? 'の各項目' : '';
  const longest = Array.isArray(value) ? Math.max(0, ...value.map(chars)) : chars(value);
  const size = Array.isArray(value) ? value.length : 0;
  switch (m.name) {
    case 'isString':
      return `${label.name}${each}は文字で入力してください`;
    case 'isNotEmpty':
    case 'arrayNotEmpty':
      return fill(label);
    case 'maxLength':
      return `${label.name}${each}は${count(c0 as number)}字以内で入力してください（現在${count(longest)}字）`;
    case 'minLength':
      return `${label.name}${each}は${count(c0 as number)}字以上で入力してください（現在${count(longest)}字）`;
    case 'isInt':
      return `${label.name}は整数で指定してください`;
    case 'min':
      return `${label.name}は${count(c0 as number)}以上にしてください`;
    case 'max':
      return `${label.name}は${count(c0 as number)}以下にしてください`;
    case 'isArray':
      return `${label.name}は一覧（配列）で指定してください`;
    case 'arrayMinSize':
      return `${label.name}は${count(c0 as number)}件以上指定してください（現在${count(size)}件）`;
    case 'arrayMaxSize':
      return `${label.name}は${count(c0 as number)}件までです（現在${count(size)}件）`;
    case 'isIn':
      return `${label.name}${each}は次から選んでください：${(c0 as unknown[]).join('、')}`;
    case 'isUUID':
    case 'isUuid':
      return `${label.name}${each}はID（UUID）で指定してください`;
    case 'isEmail':
      return `${label.name}はメールアドレスの形式で入力してください（例: taro@city.example.jp）`;
    case 'isBoolean':
      return `${label.name}は true か false で指定してください`;
    case 'isObject':
      return `${label.name}はオブジェクト（{ … }）で指定してください`;
    default:
      void c1;
      return undefined;
  }
}

/** The type a field must have, said first (before its range): the type-level reasons of the validation pipe. */
export const TYPE_REASON_JA = {
  text: (l: FieldLabel) => `${l.name}は文字で入力してください`,
  integer: (l: FieldLabel, min?: number, max?: number) =>
    min !== undefined && max !== undefined
      ? `${l.name}は${count(min)}から${count(max)}までの整数で指定してください`
      : min === 0
        ? `${l.name}は0以上の整数で指定してください`
        : `${l.name}は整数で指定してください`,
  list: (l: FieldLabel) => `${l.name}は一覧（配列）で指定してください`,
  notNull: (typeReason: string) => `${typeReason}（null は使えません）`,
  required: (l: FieldLabel) => fill(l),
  unknownField: (field: string) => `「${field}」はこの要求にない項目です。項目名を確かめてください`,
  notAnObject: '送る内容は JSON のオブジェクト（{ … }）にしてください',
};
