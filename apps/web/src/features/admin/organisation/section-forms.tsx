/**
 * The forms that change a department's sections, one per kind of change. A new kind (move, merge,
 * split, abolish) is one more entry in SECTION_ACTIONS or DEPARTMENT_ACTIONS with its form.
 */
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useState, type ComponentType } from 'react';
import { api, ok } from '../../../api/client';
import { fiscalYearLabel, formatWareki } from '../../../lib/wareki';
import { ErrorBanner } from '../../../ui/forms';
import { fiscalYearOf, nextAprilFirst, type DepartmentView } from '../admin-data';
import { adminFieldErrors } from '../reasons';
import { TextField } from '../ui';

type Section = DepartmentView['sections'][number];

export interface SectionFormProps {
  department: DepartmentView;
  section: Section;
  /** Closes the form, saying what was done. */
  onDone: (text: string) => void;
  onCancel: () => void;
}

export interface DepartmentFormProps {
  department: DepartmentView;
  onDone: (text: string) => void;
  onCancel: () => void;
}

function useDirectoryWrite<T>(write: () => Promise<T>, onSuccess: () => void) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: write,
    onSuccess: () => {
      void queryClient.invalidateQueries({ queryKey: ['departments'] });
      void queryClient.invalidateQueries({ queryKey: ['people'] });
      onSuccess();
    },
  });
}

function FormButtons(props: { label: string; pending: boolean; onCancel: () => void }) {
  return (
    <div className="actions">
      <button type="submit" className="button button-primary" disabled={props.pending}>
        {props.label}
      </button>
      <button type="button" className="button button-secondary" onClick={props.onCancel}>
        やめる
      </button>
    </div>
  );
}

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

/** What may be done to one section; each row of the department's table offers these buttons. */
export const SECTION_ACTIONS: Array<{ kind: string; label: string; Form: ComponentType<SectionFormProps> }> = [
  { kind: 'rename', label: '名称変更', Form: RenameSectionForm },
];

/** What may be done to the department as a whole; buttons under its table. */
export const DEPARTMENT_ACTIONS: Array<{ kind: string; label: string; Form: ComponentType<DepartmentFormProps> }> = [
  { kind: 'add-section', label: '課を追加', Form: AddSectionForm },
];
