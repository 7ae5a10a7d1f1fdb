import { usePlan } from '../../api/queries';
import type { GoalContent } from '../../api/views';
import { CharacterCount, Field } from '../../ui/forms';
import { TEXT_LIMITS } from '../../lib/limits';
import { FIELD_LABEL, MONTHS } from '../../ui/labels';
import { useMe } from '../../lib/me';

/** The sheet's columns and, where the city has loaded its 総合計画, the 施策 ('' for none). */
export type GoalDraft = GoalContent & { measureId?: string };

export function emptyDraft(sections: string[]): GoalDraft {
  return { title: '', category: '', targetLevel: '', method: '', deadlineMonth: 3, sections: sections.slice(0, 1) };
}

/** The goal's six columns, labelled with the sheet's own headings; errors sit under the field they name. */
export function GoalFields(props: {
  value: GoalDraft;
  onChange: (next: GoalDraft) => void;
  errors: Record<string, string>;
  /** 共通 goals are the 部長's; a 課長 picks among their own sections. */
  sectionChoices: string[];
  /** The goal's fiscal year: its 総合計画's 施策 are offered when the city has loaded one. */
  fiscalYear?: number;
}) {
  const me = useMe();
  const { value, onChange, errors } = props;
  const set = <K extends keyof GoalDraft>(key: K, v: GoalDraft[K]) => onChange({ ...value, [key]: v });
  return (
    <>
      <Field label={FIELD_LABEL.title} error={errors.title} required>
        {({ id, describedBy, invalid }) => (
          <>
            <input
              id={id}
              type="text"
              value={value.title}
              maxLength={TEXT_LIMITS.title}
              aria-describedby={`${describedBy ?? ''} ${id}-count`.trim()}
              aria-invalid={invalid}
              onChange={(e) => set('title', e.target.value)}
            />
            <CharacterCount id={`${id}-count`} value={value.title} max={TEXT_LIMITS.title} />
          </>
        )}
      </Field>
      <Field label={FIELD_LABEL.category} error={errors.category} required>
        {({ id, describedBy, invalid }) => (
          <select
            id={id}
            value={value.category}
            aria-describedby={describedBy}
            aria-invalid={invalid}
            onChange={(e) => set('category', e.target.value)}
          >
            <option value="">選択してください</option>
            {me.categories.map((c) => (
              <option key={c} value={c}>
                {c}
              </option>
            ))}
          </select>
        )}
      </Field>
      <Field label={FIELD_LABEL.targetLevel} hint="達成水準又は遂行後の状態等" error={errors.targetLevel} required>
        {({ id, describedBy, invalid }) => (
          <>
            <textarea
              id={id}
              rows={3}
              value={value.targetLevel}
              maxLength={TEXT_LIMITS.targetLevel}
              aria-describedby={`${describedBy ?? ''} ${id}-count`.trim()}
              aria-invalid={invalid}
              onChange={(e) => set('targetLevel', e.target.value)}
            />
            <CharacterCount id={`${id}-count`} value={value.targetLevel} max={TEXT_LIMITS.targetLevel} />
          </>
        )}
      </Field>
      <Field label={FIELD_LABEL.method} hint="目標等を達成するための取組の内容等" error={errors.method} required>
        {({ id, describedBy, invalid }) => (
          <>
            <textarea
              id={id}
              rows={3}
              value={value.method}
              maxLength={TEXT_LIMITS.method}
              aria-describedby={`${describedBy ?? ''} ${id}-count`.trim()}
              aria-invalid={invalid}
              onChange={(e) => set('method', e.target.value)}
            />
            <CharacterCount id={`${id}-count`} value={value.method} max={TEXT_LIMITS.method} />
          </>
        )}
      </Field>
      <Field label={FIELD_LABEL.deadlineMonth} error={errors.deadlineMonth} required>
        {({ id, describedBy, invalid }) => (
          <select
            id={id}
            value={value.deadlineMonth}
            aria-describedby={describedBy}
            aria-invalid={invalid}
            onChange={(e) => set('deadlineMonth', Number(e.target.value))}
          >
            {MONTHS.map((m) => (
              <option key={m} value={m}>
                {m}月
              </option>
            ))}
          </select>
        )}
      </Field>
      <Field label={FIELD_LABEL.sections} error={errors.sections} required>
        {({ id, describedBy, invalid }) => (
          <select
            id={id}
            multiple={props.sectionChoices.length > 1}
            value={props.sectionChoices.length > 1 ? value.sections : value.sections[0]}
            aria-describedby={describedBy}
            aria-invalid={invalid}
            onChange={(e) =>
              set(
                'sections',
                [...e.target.selectedOptions].map((o) => o.value),
              )
            }
          >
            {props.sectionChoices.map((s) => (
              <option key={s} value={s}>
                {s}
              </option>
            ))}
          </select>
        )}
      </Field>
      <MeasureField
        fiscalYear={props.fiscalYear}
        value={value.measureId ?? ''}
        onChange={(measureId) => set('measureId', measureId)}
        error={errors.measureId}
      />
    </>
  );
}

/**
 * 施策: offered only when the city has loaded a 総合計画 for the goal's year. The 施策 are grouped under
 * the levels above them (基本目標 › 政策), as the plan prints them; a goal may name none.
 */
function MeasureField(props: {
  fiscalYear: number | undefined;
  value: string;
  onChange: (measureId: string) => void;
  error?: string;
}) {
  const plan = usePlan(props.fiscalYear).data?.plan;
  if (!plan) return null;
  const groups = new Map<string, typeof plan.nodes>();
  for (const n of plan.nodes.filter((x) => x.selectable)) {
    const group = n.path.join(' › ') || n.level;
    groups.set(group, [...(groups.get(group) ?? []), n]);
  }
  return (
    <Field
      label={FIELD_LABEL.measureId}
      hint={`${plan.title ?? '総合計画'}のどの${plan.levels[plan.levels.length - 1]}に当たるか（任意）`}
      error={props.error}
    >
      {({ id, describedBy, invalid }) => (
        <select
          id={id}
          value={props.value}
          aria-describedby={describedBy}
          aria-invalid={invalid}
          onChange={(e) => props.onChange(e.target.value)}
        >
          <option value="">指定しない</option>
          {[...groups].map(([group, nodes]) => (
            <optgroup key={group} label={group}>
              {nodes.map((n) => (
                <option key={n.id} value={n.id}>
                  {n.id} {n.name}
                </option>
              ))}
            </optgroup>
          ))}
        </select>
      )}
    </Field>
  );
}
