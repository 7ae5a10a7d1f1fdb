import { useState } from 'react';
import { fiscalYearLabel, fiscalYearOfDate, formatWareki, nextAprilFirst } from '../../../lib/wareki';
import { FormShell } from '../../../ui/form-shell';
import { Field, fieldErrors } from '../../../ui/forms';
import { useAssignPost } from '../api';
import { POST_KIND_LABEL, useDepartments, type PersonView, type PostKind } from '../../../api/queries';
import { TextField } from '../../../ui/fields';

const KINDS: PostKind[] = ['departmentHead', 'sectionHead', 'clerk', 'auditor', 'planning', 'admin'];

/** 発令: a post from a day, until a day or open-ended. Departments and sections are those of the first day's year. */
export function AssignPostForm({ person, onDone }: { person: PersonView; onDone: (text: string) => void }) {
  const [kind, setKind] = useState<PostKind>('sectionHead');
  const [from, setFrom] = useState(nextAprilFirst());
  const [until, setUntil] = useState('');
  const [departmentId, setDepartmentId] = useState('');
  const [sectionIds, setSectionIds] = useState<string[]>([]);
  const year = /^\d{4}-\d{2}-\d{2}$/.test(from) ? fiscalYearOfDate(from) : fiscalYearOfDate(nextAprilFirst());
  const departments = useDepartments(year);
  const list = departments.data?.departments ?? [];
  const department = list.find((d) => d.departmentId === departmentId);
  const needsDepartment = kind === 'departmentHead' || kind === 'sectionHead' || kind === 'clerk';
  const needsSections = kind === 'sectionHead' || kind === 'clerk';
  const assign = useAssignPost(() => {
    // The post as the directory names it: 企画課長, 企画課 庶務担当, 総合政策部長, 監査.
    const sections = department?.sections.filter((s) => sectionIds.includes(s.sectionId)).map((s) => s.name);
    const title =
      kind === 'sectionHead'
        ? `${sections?.join('・')}長`
        : kind === 'clerk'
          ? `${sections?.join('・')} 庶務担当`
          : kind === 'departmentHead'
            ? (department?.headTitle ?? '部長')
            : POST_KIND_LABEL[kind];
    onDone(
      `${person.name}さんを${title}に${formatWareki(from)}から` +
        `${until ? `${formatWareki(until)}まで` : ''}発令しました。`,
    );
    setSectionIds([]);
    setUntil('');
  });
  const errors = fieldErrors(assign.error);
  return (
    <FormShell
      className="form"
      title="職を発令"
      level={4}
      error={assign.error}
      busy={assign.isPending}
      submit="発令"
      onSubmit={() =>
        assign.mutate({
          personId: person.personId,
          kind,
          departmentId: needsDepartment ? departmentId || undefined : undefined,
          sectionIds: needsSections && sectionIds.length ? sectionIds : undefined,
          from,
          until: until || undefined,
        })
      }
    >
      <div className="field-row">
        <Field label="職" error={errors.kind} required>
          {({ id, describedBy, invalid }) => (
            <select
              id={id}
              value={kind}
              aria-describedby={describedBy}
              aria-invalid={invalid}
              onChange={(e) => setKind(e.target.value as PostKind)}
            >
              {KINDS.map((k) => (
                <option key={k} value={k}>
                  {POST_KIND_LABEL[k]}
                </option>
              ))}
            </select>
          )}
        </Field>
        <TextField label="開始日" type="date" value={from} onChange={setFrom} error={errors.from} required />
        <TextField
          label="終了日"
          type="date"
          hint="空欄なら期限なし"
          value={until}
          onChange={setUntil}
          error={errors.until}
        />
      </div>
      {needsDepartment && (
        <Field label="部" hint={`${fiscalYearLabel(year)}の組織`} error={errors.departmentId} required>
          {({ id, describedBy, invalid }) => (
            <select
              id={id}
              value={departmentId}
              aria-describedby={describedBy}
              aria-invalid={invalid}
              onChange={(e) => {
                setDepartmentId(e.target.value);
                setSectionIds([]);
              }}
            >
              <option value="">選択してください</option>
              {list.map((d) => (
                <option key={d.departmentId} value={d.departmentId}>
                  {d.name}
                </option>
              ))}
            </select>
          )}
        </Field>
      )}
      {needsSections && department && (
        <fieldset
          className="field checkboxes"
          aria-describedby={errors.sectionIds ? 'assign-sections-error' : undefined}
        >
          <legend>
            課<span className="required">必須</span>
          </legend>
          {department.sections.map((s) => (
            <label key={s.sectionId}>
              <input
                type="checkbox"
                checked={sectionIds.includes(s.sectionId)}
                onChange={(e) =>
                  setSectionIds(
                    e.target.checked ? [...sectionIds, s.sectionId] : sectionIds.filter((x) => x !== s.sectionId),
                  )
                }
              />
              {s.name}
            </label>
          ))}
          {errors.sectionIds && (
            <p className="field-error" id="assign-sections-error">
              {errors.sectionIds}
            </p>
          )}
        </fieldset>
      )}
      {needsSections && !department && errors.sectionIds && <p className="field-error">{errors.sectionIds}</p>}
    </FormShell>
  );
}
