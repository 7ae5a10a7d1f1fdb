/** 機構改革 of a section: moved to another department, merged with others, split, or abolished. */
import { useState } from 'react';
import { api, ok } from '../../../api/client';
import { fiscalYearLabel } from '../../../lib/wareki';
import { ErrorBanner, Field } from '../../../ui/forms';
import { fiscalYearOf, nextAprilFirst, useDepartments } from '../admin-data';
import { adminFieldErrors } from '../reasons';
import { TextField } from '../ui';
import {
  EndPostsField,
  FormButtons,
  ReorganisationFields,
  reorganisedText,
  useDirectoryWrite,
  type SectionFormProps,
} from './form-parts';

const DATE = /^\d{4}-\d{2}-\d{2}$/;

/** The form's frame: its heading (focused when it opens), the refusal, the fields, the buttons. */
function ReorganisationForm(props: {
  title: string;
  submit: string;
  error: unknown;
  pending: boolean;
  onSubmit: () => void;
  onCancel: () => void;
  children: React.ReactNode;
}) {
  return (
    <form
      className="panel form"
      aria-labelledby="section-action-heading"
      noValidate
      onSubmit={(e) => {
        e.preventDefault();
        props.onSubmit();
      }}
    >
      <h4 id="section-action-heading" tabIndex={-1}>
        {props.title}
      </h4>
      <ErrorBanner error={props.error} />
      {props.children}
      <FormButtons label={props.submit} pending={props.pending} onCancel={props.onCancel} />
    </form>
  );
}

/** The day's organisation, for choosing a department or a section as of the day the change takes effect. */
function useOrganisationOn(effectiveFrom: string) {
  const year = fiscalYearOf(DATE.test(effectiveFrom) ? effectiveFrom : nextAprilFirst());
  return { year, departments: useDepartments(year).data?.departments ?? [] };
}

/** 移管: the section, its goals and its 課長 belong to another department from the day. */
export function MoveSectionForm({ department, section, onDone, onCancel }: SectionFormProps) {
  const [effectiveFrom, setEffectiveFrom] = useState(nextAprilFirst());
  const [reason, setReason] = useState('');
  const [departmentId, setDepartmentId] = useState('');
  const { year, departments } = useOrganisationOn(effectiveFrom);
  const target = departments.find((d) => d.departmentId === departmentId);
  const move = useDirectoryWrite(
    () =>
      ok(
        api.POST('/api/v1/admin/sections/{sectionId}/move', {
          params: { path: { sectionId: section.sectionId } },
          body: { departmentId, effectiveFrom, reason: reason.trim() },
        }),
      ),
    (answer) => onDone(reorganisedText(`${section.name}を${target?.name ?? ''}に移管しました`, effectiveFrom, answer)),
  );
  const errors = adminFieldErrors(move.error);
  return (
    <ReorganisationForm
      title={`${section.name}の移管`}
      submit="移管"
      error={move.error}
      pending={move.isPending}
      onSubmit={() => move.mutate()}
      onCancel={onCancel}
    >
      <Field label="移管先の部" hint={`${fiscalYearLabel(year)}の組織`} error={errors.departmentId} required>
        {({ id, describedBy, invalid }) => (
          <select
            id={id}
            value={departmentId}
            aria-describedby={describedBy}
            aria-invalid={invalid}
            onChange={(e) => setDepartmentId(e.target.value)}
          >
            <option value="">選択してください</option>
            {departments
              .filter((d) => d.departmentId !== department.departmentId)
              .map((d) => (
                <option key={d.departmentId} value={d.departmentId}>
                  {d.name}
                </option>
              ))}
          </select>
        )}
      </Field>
      <ReorganisationFields {...{ effectiveFrom, setEffectiveFrom, reason, setReason, errors }} />
    </ReorganisationForm>
  );
}

/** 統合: this section and others end; their work and goals go to one section, new or existing. */
export function MergeSectionsForm({ department, section, onDone, onCancel }: SectionFormProps) {
  const [effectiveFrom, setEffectiveFrom] = useState(nextAprilFirst());
  const [reason, setReason] = useState('');
  const [others, setOthers] = useState<string[]>([]);
  const [into, setInto] = useState('new');
  const [name, setName] = useState('');
  const [endPosts, setEndPosts] = useState(false);
  const { year, departments } = useOrganisationOn(effectiveFrom);
  const sections = departments.flatMap((d) =>
    d.sections.map((s) => ({
      ...s,
      label: d.departmentId === department.departmentId ? s.name : `${d.name} ${s.name}`,
    })),
  );
  const ending = [section.sectionId, ...others].filter((id) => id !== into);
  const merge = useDirectoryWrite(
    () =>
      ok(
        api.POST('/api/v1/admin/sections/merge', {
          body: {
            sectionIds: ending,
            into: into === 'new' ? { name: name.trim() } : { sectionId: into },
            effectiveFrom,
            reason: reason.trim(),
            endPosts,
          },
        }),
      ),
    (answer) => {
      const names = [section.sectionId, ...others].map((id) => sections.find((s) => s.sectionId === id)?.name ?? '');
      const target = into === 'new' ? name.trim() : (sections.find((s) => s.sectionId === into)?.name ?? '');
      onDone(reorganisedText(`${names.join('と')}を${target}に統合しました`, effectiveFrom, answer));
    },
  );
  const errors = adminFieldErrors(merge.error);
  return (
    <ReorganisationForm
      title={`${section.name}の統合`}
      submit="統合"
      error={merge.error}
      pending={merge.isPending}
      onSubmit={() => merge.mutate()}
      onCancel={onCancel}
    >
      <fieldset className="field checkboxes">
        <legend>
          {section.name}と統合する課<span className="required">必須</span>
        </legend>
        <p className="hint">{fiscalYearLabel(year)}の組織</p>
        {sections
          .filter((s) => s.sectionId !== section.sectionId)
          .map((s) => (
            <label key={s.sectionId}>
              <input
                type="checkbox"
                checked={others.includes(s.sectionId)}
                onChange={(e) =>
                  setOthers(e.target.checked ? [...others, s.sectionId] : others.filter((x) => x !== s.sectionId))
                }
              />
              {s.label}
            </label>
          ))}
      </fieldset>
      <Field label="統合後の課" error={errors['into.sectionId']} required>
        {({ id, describedBy, invalid }) => (
          <select
            id={id}
            value={into}
            aria-describedby={describedBy}
            aria-invalid={invalid}
            onChange={(e) => setInto(e.target.value)}
          >
            <option value="new">新しい課を設置する</option>
            {[section.sectionId, ...others].map((id) => (
              <option key={id} value={id}>
                {sections.find((s) => s.sectionId === id)?.label ?? section.name}に統合する（存続）
              </option>
            ))}
          </select>
        )}
      </Field>
      {into === 'new' && (
        <TextField
          label="新しい課の名称"
          value={name}
          onChange={setName}
          error={errors['into.name'] ?? errors['into.departmentId'] ?? errors.into}
          required
        />
      )}
      <ReorganisationFields {...{ effectiveFrom, setEffectiveFrom, reason, setReason, errors }} />
      <EndPostsField checked={endPosts} onChange={setEndPosts} error={errors.sectionIds ?? errors.endPosts} />
    </ReorganisationForm>
  );
}

/** 分割: the section ends; its work and goals go to two or more sections, new or existing. */
export function SplitSectionForm({ section, onDone, onCancel }: SectionFormProps) {
  const [effectiveFrom, setEffectiveFrom] = useState(nextAprilFirst());
  const [reason, setReason] = useState('');
  const [targets, setTargets] = useState<Array<{ into: string; name: string }>>([
    { into: 'new', name: '' },
    { into: 'new', name: '' },
  ]);
  const [endPosts, setEndPosts] = useState(false);
  const { year, departments } = useOrganisationOn(effectiveFrom);
  const sections = departments.flatMap((d) =>
    d.sections.filter((s) => s.sectionId !== section.sectionId).map((s) => ({ ...s, label: `${d.name} ${s.name}` })),
  );
  const split = useDirectoryWrite(
    () =>
      ok(
        api.POST('/api/v1/admin/sections/{sectionId}/split', {
          params: { path: { sectionId: section.sectionId } },
          body: {
            into: targets.map((t) => (t.into === 'new' ? { name: t.name.trim() } : { sectionId: t.into })),
            effectiveFrom,
            reason: reason.trim(),
            endPosts,
          },
        }),
      ),
    (answer) => {
      const names = targets.map((t) =>
        t.into === 'new' ? t.name.trim() : sections.find((s) => s.sectionId === t.into)?.name,
      );
      onDone(reorganisedText(`${section.name}を${names.join('と')}に分割しました`, effectiveFrom, answer));
    },
  );
  const errors = adminFieldErrors(split.error);
  const set = (i: number, change: Partial<{ into: string; name: string }>) =>
    setTargets(targets.map((t, j) => (j === i ? { ...t, ...change } : t)));
  return (
    <ReorganisationForm
      title={`${section.name}の分割`}
      submit="分割"
      error={split.error}
      pending={split.isPending}
      onSubmit={() => split.mutate()}
      onCancel={onCancel}
    >
      {errors.into && !targets.some((_, i) => errors[`into[${i}].name`] || errors[`into[${i}].sectionId`]) && (
        <p className="field-error">{errors.into}</p>
      )}
      {targets.map((t, i) => (
        <fieldset className="field split-target" key={i}>
          <legend>分割先{i + 1}</legend>
          <div className="field-row">
            <Field
              label={`分割先${i + 1}の課`}
              hint={`${fiscalYearLabel(year)}の組織`}
              error={errors[`into[${i}].sectionId`]}
            >
              {({ id, describedBy, invalid }) => (
                <select
                  id={id}
                  value={t.into}
                  aria-describedby={describedBy}
                  aria-invalid={invalid}
                  onChange={(e) => set(i, { into: e.target.value })}
                >
                  <option value="new">新しい課を設置する</option>
                  {sections.map((s) => (
                    <option key={s.sectionId} value={s.sectionId}>
                      {s.label}
                    </option>
                  ))}
                </select>
              )}
            </Field>
            {t.into === 'new' && (
              <TextField
                label={`分割先${i + 1}の名称`}
                value={t.name}
                onChange={(name) => set(i, { name })}
                error={errors[`into[${i}].name`] ?? errors[`into[${i}].departmentId`]}
                required
              />
            )}
          </div>
          {targets.length > 2 && (
            <button
              type="button"
              className="button button-text"
              onClick={() => setTargets(targets.filter((_, j) => j !== i))}
            >
              分割先{i + 1}を外す
            </button>
          )}
        </fieldset>
      ))}
      <button
        type="button"
        className="button button-secondary button-small"
        onClick={() => setTargets([...targets, { into: 'new', name: '' }])}
      >
        分割先を追加
      </button>
      <ReorganisationFields {...{ effectiveFrom, setEffectiveFrom, reason, setReason, errors }} />
      <EndPostsField checked={endPosts} onChange={setEndPosts} error={errors.sectionId ?? errors.endPosts} />
    </ReorganisationForm>
  );
}

/** 廃止: the section ends with no successor (refused while a goal of that year still needs one). */
export function AbolishSectionForm({ section, onDone, onCancel }: SectionFormProps) {
  const [effectiveFrom, setEffectiveFrom] = useState(nextAprilFirst());
  const [reason, setReason] = useState('');
  const [endPosts, setEndPosts] = useState(false);
  const abolish = useDirectoryWrite(
    () =>
      ok(
        api.POST('/api/v1/admin/sections/{sectionId}/abolish', {
          params: { path: { sectionId: section.sectionId } },
          body: { effectiveFrom, reason: reason.trim(), endPosts },
        }),
      ),
    (answer) => onDone(reorganisedText(`${section.name}を廃止しました`, effectiveFrom, answer)),
  );
  const errors = adminFieldErrors(abolish.error);
  return (
    <ReorganisationForm
      title={`${section.name}の廃止`}
      submit="廃止"
      error={abolish.error}
      pending={abolish.isPending}
      onSubmit={() => abolish.mutate()}
      onCancel={onCancel}
    >
      <p>廃止日からこの課はなくなります。目標を引き継ぐ課がある場合は、統合か分割を使ってください。</p>
      <ReorganisationFields {...{ effectiveFrom, setEffectiveFrom, reason, setReason, errors }} />
      <EndPostsField checked={endPosts} onChange={setEndPosts} error={errors.sectionId ?? errors.endPosts} />
    </ReorganisationForm>
  );
}
