/** 機構改革 of a section that keeps or ends it alone: moved to another department, or abolished. */
import { useState } from 'react';
import { directory } from '../api';
import { fiscalYearLabel, nextAprilFirst } from '../../../lib/wareki';
import { Field, fieldErrors } from '../../../ui/forms';

import {
  EndPostsField,
  PanelForm,
  ReorganisationFields,
  reorganisedText,
  useDirectoryWrite,
  useOrganisationOn,
  type SectionFormProps,
} from './form-parts';

/**
 * 移管: the section and its 課長 belong to another department from the day; its goals of earlier years
 * stay on the old department's sheets, still its 課長's to finish.
 */
export function MoveSectionForm({ department, section, onDone, onCancel }: SectionFormProps) {
  const [effectiveFrom, setEffectiveFrom] = useState(nextAprilFirst());
  const [reason, setReason] = useState('');
  const [departmentId, setDepartmentId] = useState('');
  const { year, departments } = useOrganisationOn(effectiveFrom);
  const target = departments.find((d) => d.departmentId === departmentId);
  const move = useDirectoryWrite(
    (key: string) =>
      directory.moveSection(section.sectionId, { departmentId, effectiveFrom, reason: reason.trim() }, key),
    (answer) => onDone(reorganisedText(`${section.name}を${target?.name ?? ''}に移管しました`, effectiveFrom, answer)),
  );
  const errors = fieldErrors(move.error);
  return (
    <PanelForm
      title={`${section.name}の移管`}
      submit="移管"
      error={move.error}
      pending={move.isPending}
      onSubmit={() => move.mutate()}
      onCancel={onCancel}
    >
      <p>
        移管日から課と課長は移管先の部に属します。それまでの年度の目標は元の部の整理表に残り、実績の登録はこの課の課長が、承認・実績確認は元の部の部長が行います。
      </p>
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
    </PanelForm>
  );
}

/** 廃止: the section ends with no successor (refused while a goal of that year still needs one). */
export function AbolishSectionForm({ section, onDone, onCancel }: SectionFormProps) {
  const [effectiveFrom, setEffectiveFrom] = useState(nextAprilFirst());
  const [reason, setReason] = useState('');
  const [endPosts, setEndPosts] = useState(false);
  const abolish = useDirectoryWrite(
    (key: string) =>
      directory.abolishSection(section.sectionId, { effectiveFrom, reason: reason.trim(), endPosts }, key),
    (answer) => onDone(reorganisedText(`${section.name}を廃止しました`, effectiveFrom, answer)),
  );
  const errors = fieldErrors(abolish.error);
  return (
    <PanelForm
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
    </PanelForm>
  );
}
