/** Adding a section to a department and renaming one: the changes that end nothing. */
import { useState } from 'react';
import { api, ok } from '../../../api/client';
import { fiscalYearLabel, formatWareki } from '../../../lib/wareki';
import { ErrorBanner } from '../../../ui/forms';
import { fiscalYearOf, nextAprilFirst } from '../admin-data';
import { FormButtons, useDirectoryWrite, type DepartmentFormProps, type SectionFormProps } from './form-parts';
import { adminFieldErrors } from '../reasons';
import { TextField } from '../ui';

/** 課の名称変更: from a day; the old name stays for the years before. */
export function RenameSectionForm({ department, section, onDone, onCancel }: SectionFormProps) {
  const [name, setName] = useState('');
  const [effectiveFrom, setEffectiveFrom] = useState(nextAprilFirst());
  const rename = useDirectoryWrite(
    () =>
      ok(
        api.POST('/api/v1/admin/sections/{sectionId}/rename', {
          params: { path: { sectionId: section.sectionId } },
          body: { name: name.trim(), effectiveFrom },
        }),
      ),
    () =>
      onDone(
        `${department.name} ${section.name}を${formatWareki(effectiveFrom)}から「${name.trim()}」に変更しました` +
          `（${fiscalYearLabel(fiscalYearOf(effectiveFrom))}から新しい名称で表示します）。`,
      ),
  );
  const errors = adminFieldErrors(rename.error);
  return (
    <form
      className="panel form"
      aria-labelledby="section-action-heading"
      noValidate
      onSubmit={(e) => {
        e.preventDefault();
        rename.mutate();
      }}
    >
      <h4 id="section-action-heading" tabIndex={-1}>
        {section.name}の名称変更
      </h4>
      <ErrorBanner error={rename.error} />
      <TextField label="新しい名称" value={name} onChange={setName} error={errors.name} required />
      <TextField
        label="変更日"
        type="date"
        hint="この日から新しい名称になります（通常は翌年度の4月1日）"
        value={effectiveFrom}
        onChange={setEffectiveFrom}
        error={errors.effectiveFrom}
        required
      />
      <FormButtons label="名称を変更" pending={rename.isPending} onCancel={onCancel} />
    </form>
  );
}

/** 課の設置: a new section of the department from a day. */
export function AddSectionForm({ department, onDone, onCancel }: DepartmentFormProps) {
  const [name, setName] = useState('');
  const [effectiveFrom, setEffectiveFrom] = useState(nextAprilFirst());
  const add = useDirectoryWrite(
    () =>
      ok(
        api.POST('/api/v1/admin/departments/{departmentId}/sections', {
          params: { path: { departmentId: department.departmentId } },
          body: { name: name.trim(), effectiveFrom },
        }),
      ),
    () => onDone(`${department.name}に${name.trim()}を${formatWareki(effectiveFrom)}から設置しました。`),
  );
  const errors = adminFieldErrors(add.error);
  return (
    <form
      className="panel form"
      aria-labelledby="section-action-heading"
      noValidate
      onSubmit={(e) => {
        e.preventDefault();
        add.mutate();
      }}
    >
      <h4 id="section-action-heading" tabIndex={-1}>
        {department.name}に課を追加
      </h4>
      <ErrorBanner error={add.error} />
      <TextField label="課の名称" value={name} onChange={setName} error={errors.name} required />
      <TextField
        label="設置日"
        type="date"
        hint="通常は4月1日"
        value={effectiveFrom}
        onChange={setEffectiveFrom}
        error={errors.effectiveFrom}
        required
      />
      <FormButtons label="課を追加" pending={add.isPending} onCancel={onCancel} />
    </form>
  );
}
