/**
 * What the 組織 screen offers: each section's row has a button per SECTION_ACTIONS entry, each
 * department a button per DEPARTMENT_ACTIONS entry; the chosen one's form opens below the table.
 */
import type { DepartmentAction, SectionAction } from './form-parts';
import { AbolishDepartmentForm, RenameDepartmentForm } from './department-forms';
import { SectionLineagePanel } from './section-lineage';
import { AddSectionForm, RenameSectionForm } from './section-forms';
import { MergeSectionsForm } from './merge-sections-form';
import { AbolishSectionForm, MoveSectionForm } from './section-reorganisation-forms';
import { SplitSectionForm } from './split-section-form';

export const SECTION_ACTIONS: SectionAction[] = [
  { kind: 'rename', label: '名称変更', Form: RenameSectionForm },
  { kind: 'move', label: '移管', Form: MoveSectionForm },
  { kind: 'merge', label: '統合', Form: MergeSectionsForm },
  { kind: 'split', label: '分割', Form: SplitSectionForm },
  { kind: 'abolish', label: '廃止', Form: AbolishSectionForm },
  { kind: 'lineage', label: '系譜', Form: SectionLineagePanel },
];

export const DEPARTMENT_ACTIONS: DepartmentAction[] = [
  { kind: 'add-section', label: '課を追加', Form: AddSectionForm },
  { kind: 'rename', label: '部の名称変更', Form: RenameDepartmentForm },
  { kind: 'abolish', label: '部の廃止', Form: AbolishDepartmentForm },
];
