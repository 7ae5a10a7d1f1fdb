/**
 * What a request's fields are called on screen, so a refusal reads 「実施項目を入力してください」
 * and not "title must not be blank". The `field` of each error stays the request's own name.
 */
import 'reflect-metadata';

export interface FieldLabel {
  /** The field's name on screen: 実施項目, 差戻しの理由. */
  name: string;
  /** Chosen from a list (達成度, 課) rather than typed: 「…を選んでください」. */
  chosen?: boolean;
}

const LABEL = Symbol('field-label');

/** Names the field on screen where the shared table below does not (a reason: 差戻しの理由, 削除の理由). */
export function Label(name: string, options: { chosen?: boolean } = {}): PropertyDecorator {
  return (target, property) => Reflect.defineMetadata(LABEL, { name, ...options }, target, property);
}

/** The fields every request shares, named as the sheet and the screens name them. */
const FIELD_LABELS: Record<string, FieldLabel> = {
  title: { name: '実施項目' },
  category: { name: '計画・方針等の分類', chosen: true },
  targetLevel: { name: 'どの水準まで（達成水準）' },
  method: { name: 'どのような方法で（取組の内容）' },
  deadlineMonth: { name: 'いつまで（期限の月）', chosen: true },
  sections: { name: '共通/課名', chosen: true },
  measureId: { name: '施策（総合計画）', chosen: true },
  level: { name: '達成度', chosen: true },
  comment: { name: 'コメント' },
  reason: { name: '理由' },
  expectedRevision: { name: '版（expectedRevision）' },
  department: { name: '部', chosen: true },
  departmentId: { name: '部', chosen: true },
  fiscalYear: { name: '年度', chosen: true },
  createdOn: { name: '作成日' },
  headTitle: { name: '部長の職名' },
  headName: { name: '部長の氏名' },
  goalIds: { name: '目標の並び' },
  name: { name: '名称' },
  loginId: { name: 'ログインID' },
  email: { name: 'メールアドレス' },
  employeeNumber: { name: '職員番号' },
  personId: { name: '職員', chosen: true },
  intoPersonId: { name: '統合先の職員', chosen: true },
  post: { name: '職', chosen: true },
  kind: { name: '職の種類', chosen: true },
  from: { name: '開始日' },
  until: { name: '終了日' },
  effectiveFrom: { name: '実施日' },
  sectionId: { name: '課', chosen: true },
  sectionIds: { name: '課', chosen: true },
  into: { name: '統合先', chosen: true },
  sectionsMoveTo: { name: '課の移り先', chosen: true },
  endPosts: { name: '終了する職' },
  delegate: { name: '代決者', chosen: true },
  decisions: { name: '代決できる決定', chosen: true },
  appointments: { name: '発令' },
  appointed: { name: '発令' },
  sameNameConfirmed: { name: '同姓同名の確認' },
};

export function labelOf(target: object | undefined, field: string): FieldLabel {
  const own = target ? (Reflect.getMetadata(LABEL, target, field) as FieldLabel | undefined) : undefined;
  return own ?? FIELD_LABELS[field] ?? { name: `「${field}」` };
}
