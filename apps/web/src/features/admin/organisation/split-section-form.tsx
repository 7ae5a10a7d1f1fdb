import { useState } from 'react';
import { directory } from '../api';
import { fiscalYearLabel, nextAprilFirst } from '../../../lib/wareki';
import { Field, fieldErrors } from '../../../ui/forms';

import { TextField } from '../../../ui/fields';
import {
  EndPostsField,
  PanelForm,
  ReorganisationFields,
  reorganisedText,
  useDirectoryWrite,
  useOrganisationOn,
  type SectionFormProps,
} from './form-parts';

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
    (key: string) =>
      directory.splitSection(
        section.sectionId,
        {
          into: targets.map((t) => (t.into === 'new' ? { name: t.name.trim() } : { sectionId: t.into })),
          effectiveFrom,
          reason: reason.trim(),
          endPosts,
        },
        key,
      ),
    (answer) => {
      const names = targets.map((t) =>
        t.into === 'new' ? t.name.trim() : sections.find((s) => s.sectionId === t.into)?.name,
      );
      onDone(reorganisedText(`${section.name}を${names.join('と')}に分割しました`, effectiveFrom, answer));
    },
  );
  const errors = fieldErrors(split.error);
  const set = (i: number, change: Partial<{ into: string; name: string }>) =>
    setTargets(targets.map((t, j) => (j === i ? { ...t, ...change } : t)));
  return (
    <PanelForm
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
    </PanelForm>
  );
}
