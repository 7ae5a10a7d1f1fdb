/** Adding a section to a department and renaming one: the changes that end nothing. */
import { useState } from 'react';
import { directory } from '../api';
import { fiscalYearLabel, fiscalYearOfDate, formatWareki, nextAprilFirst } from '../../../lib/wareki';

import { PanelForm, useDirectoryWrite, type DepartmentFormProps, type SectionFormProps } from './form-parts';
import { fieldErrors } from '../../../ui/forms';
import { TextField } from '../../../ui/fields';

/** A 課's name and the day it takes effect: what adding and renaming both ask. */
function NameFromDayFields(props: {
  nameLabel: string;
  dayLabel: string;
  dayHint: string;
  name: string;
  setName: (v: string) => void;
  day: string;
  setDay: (v: string) => void;
  errors: Record<string, string>;
}) {
  return (
    <>
      <TextField
        label={props.nameLabel}
        value={props.name}
        onChange={props.setName}
        error={props.errors.name}
        required
      />
      <TextField
        label={props.dayLabel}
        type="date"
        hint={props.dayHint}
        value={props.day}
        onChange={props.setDay}
        error={props.errors.effectiveFrom}
        required
      />
    </>
  );
}

/** 課の名称変更: from a day; the old name stays for the years before. */
export function RenameSectionForm({ department, section, onDone, onCancel }: SectionFormProps) {
  const [name, setName] = useState('');
  const [effectiveFrom, setEffectiveFrom] = useState(nextAprilFirst());
  const rename = useDirectoryWrite(
    (key: string) => directory.renameSection(section.sectionId, { name: name.trim(), effectiveFrom }, key),
    () =>
      onDone(
        `${department.name} ${section.name}を${formatWareki(effectiveFrom)}から「${name.trim()}」に変更しました` +
          `（${fiscalYearLabel(fiscalYearOfDate(effectiveFrom))}から新しい名称で表示します）。`,
      ),
  );
  return (
    <PanelForm
      title={`${section.name}の名称変更`}
      submit="名称を変更"
      error={rename.error}
      pending={rename.isPending}
      onSubmit={() => rename.mutate()}
      onCancel={onCancel}
    >
      <NameFromDayFields
        nameLabel="新しい名称"
        dayLabel="変更日"
        dayHint="この日から新しい名称になります（通常は翌年度の4月1日）"
        name={name}
        setName={setName}
        day={effectiveFrom}
        setDay={setEffectiveFrom}
        errors={fieldErrors(rename.error)}
      />
    </PanelForm>
  );
}

/** 課の設置: a new section of the department from a day. */
export function AddSectionForm({ department, onDone, onCancel }: DepartmentFormProps) {
  const [name, setName] = useState('');
  const [effectiveFrom, setEffectiveFrom] = useState(nextAprilFirst());
  const add = useDirectoryWrite(
    (key: string) => directory.addSection(department.departmentId, { name: name.trim(), effectiveFrom }, key),
    () => onDone(`${department.name}に${name.trim()}を${formatWareki(effectiveFrom)}から設置しました。`),
  );
  return (
    <PanelForm
      title={`${department.name}に課を追加`}
      submit="課を追加"
      error={add.error}
      pending={add.isPending}
      onSubmit={() => add.mutate()}
      onCancel={onCancel}
    >
      <NameFromDayFields
        nameLabel="課の名称"
        dayLabel="設置日"
        dayHint="通常は4月1日"
        name={name}
        setName={setName}
        day={effectiveFrom}
        setDay={setEffectiveFrom}
        errors={fieldErrors(add.error)}
      />
    </PanelForm>
  );
}
