/** 機構改革 of a department: renamed (with its head's 職名), or abolished with its sections moved elsewhere. */
import { useState } from 'react';
import { directory } from '../api';
import { fiscalYearLabel, fiscalYearOfDate, nextAprilFirst } from '../../../lib/wareki';
import { Field, fieldErrors } from '../../../ui/forms';
import { useDepartments } from '../../../api/queries';
import { TextField } from '../../../ui/fields';
import {
  EndPostsField,
  ReorganisationFields,
  reorganisedText,
  PanelForm,
  useDirectoryWrite,
  type DepartmentFormProps,
} from './form-parts';

/** 部の名称変更: from a day; its goals and sheets keep the old name for the years before. */
export function RenameDepartmentForm({ department, onDone, onCancel }: DepartmentFormProps) {
  const [name, setName] = useState('');
  const [headTitle, setHeadTitle] = useState('');
  const [effectiveFrom, setEffectiveFrom] = useState(nextAprilFirst());
  const [reason, setReason] = useState('');
  const rename = useDirectoryWrite(
    (key: string) =>
      directory.renameDepartment(
        department.departmentId,
        { name: name.trim(), headTitle: headTitle.trim() || undefined, effectiveFrom, reason: reason.trim() },
        key,
      ),
    (answer) =>
      onDone(reorganisedText(`${department.name}を「${name.trim()}」に名称変更しました`, effectiveFrom, answer)),
  );
  const errors = fieldErrors(rename.error);
  return (
    <PanelForm
      title={`${department.name}の名称変更`}
      submit="名称を変更"
      error={rename.error}
      pending={rename.isPending}
      onSubmit={() => rename.mutate()}
      onCancel={onCancel}
    >
      <div className="field-row">
        <TextField label="新しい名称" value={name} onChange={setName} error={errors.name} required />
        <TextField
          label="部長の職名"
          hint="空欄なら「新しい名称＋長」"
          value={headTitle}
          onChange={setHeadTitle}
          error={errors.headTitle}
        />
      </div>
      <ReorganisationFields {...{ effectiveFrom, setEffectiveFrom, reason, setReason, errors }} />
    </PanelForm>
  );
}

/** 部の廃止: its sections move to another department that day, or must have been moved or abolished first. */
export function AbolishDepartmentForm({ department, onDone, onCancel }: DepartmentFormProps) {
  const [effectiveFrom, setEffectiveFrom] = useState(nextAprilFirst());
  const [reason, setReason] = useState('');
  const [sectionsMoveTo, setSectionsMoveTo] = useState('');
  const [endPosts, setEndPosts] = useState(false);
  const year = fiscalYearOfDate(/^\d{4}-\d{2}-\d{2}$/.test(effectiveFrom) ? effectiveFrom : nextAprilFirst());
  const departments = (useDepartments(year).data?.departments ?? []).filter(
    (d) => d.departmentId !== department.departmentId,
  );
  const abolish = useDirectoryWrite(
    (key: string) =>
      directory.abolishDepartment(
        department.departmentId,
        { effectiveFrom, reason: reason.trim(), endPosts, sectionsMoveTo: sectionsMoveTo || undefined },
        key,
      ),
    (answer) => {
      const to = departments.find((d) => d.departmentId === sectionsMoveTo)?.name;
      onDone(
        reorganisedText(`${department.name}を廃止しました${to ? `（課は${to}に移管）` : ''}`, effectiveFrom, answer),
      );
    },
  );
  const errors = fieldErrors(abolish.error);
  return (
    <PanelForm
      title={`${department.name}の廃止`}
      submit="廃止"
      error={abolish.error}
      pending={abolish.isPending}
      onSubmit={() => abolish.mutate()}
      onCancel={onCancel}
    >
      <Field
        label="課の移管先"
        hint={`${fiscalYearLabel(year)}の組織。選ばない場合は、先に課を移管・統合・廃止してください`}
        error={errors.sectionsMoveTo}
      >
        {({ id, describedBy, invalid }) => (
          <select
            id={id}
            value={sectionsMoveTo}
            aria-describedby={describedBy}
            aria-invalid={invalid}
            onChange={(e) => setSectionsMoveTo(e.target.value)}
          >
            <option value="">移管しない</option>
            {departments.map((d) => (
              <option key={d.departmentId} value={d.departmentId}>
                {d.name}
              </option>
            ))}
          </select>
        )}
      </Field>
      <ReorganisationFields {...{ effectiveFrom, setEffectiveFrom, reason, setReason, errors }} />
      <EndPostsField checked={endPosts} onChange={setEndPosts} error={errors.departmentId ?? errors.endPosts} />
    </PanelForm>
  );
}
