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
    (key: string) =>
      directory.mergeSections(
        {
          sectionIds: ending,
          into: into === 'new' ? { name: name.trim() } : { sectionId: into },
          effectiveFrom,
          reason: reason.trim(),
          endPosts,
        },
        key,
      ),
    (answer) => {
      const names = [section.sectionId, ...others].map((id) => sections.find((s) => s.sectionId === id)?.name ?? '');
      const target = into === 'new' ? name.trim() : (sections.find((s) => s.sectionId === into)?.name ?? '');
      onDone(reorganisedText(`${names.join('と')}を${target}に統合しました`, effectiveFrom, answer));
    },
  );
  const errors = fieldErrors(merge.error);
  return (
    <PanelForm
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
    </PanelForm>
  );
}
