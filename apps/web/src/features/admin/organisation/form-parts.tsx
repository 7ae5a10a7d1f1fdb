/** What every form of the 組織 screen shares: the write, its buttons, the day it takes effect and why. */
import { useId, type ComponentType, type ReactNode } from 'react';
import { fiscalYearOfDate, formatWareki, nextAprilFirst } from '../../../lib/wareki';
import type { components } from '../../../api/schema';
import { FormShell } from '../../../ui/form-shell';
import { useDepartments, type DepartmentView } from '../../../api/queries';
import { TextField } from '../../../ui/fields';

type Section = DepartmentView['sections'][number];
type Reorganised = components['schemas']['ReorganisedView'];

export interface SectionFormProps {
  department: DepartmentView;
  section: Section;
  /** The year the screen shows: its departments are the choices where a form needs them. */
  fiscalYear: number;
  /** Closes the form, saying what was done. */
  onDone: (text: string) => void;
  onCancel: () => void;
}

export interface DepartmentFormProps {
  department: DepartmentView;
  fiscalYear: number;
  onDone: (text: string) => void;
  onCancel: () => void;
}

export type SectionAction = { kind: string; label: string; Form: ComponentType<SectionFormProps> };
export type DepartmentAction = { kind: string; label: string; Form: ComponentType<DepartmentFormProps> };

/** A write to the directory, sent once; on success every organisation and people list is read again. */
export { useDirectoryWrite } from '../api';

/** 実施日 and 理由: every 機構改革 takes effect from a day and says why (the reason is kept with the events). */
export function ReorganisationFields(props: {
  effectiveFrom: string;
  setEffectiveFrom: (v: string) => void;
  reason: string;
  setReason: (v: string) => void;
  errors: Record<string, string>;
}) {
  return (
    <div className="field-row">
      <TextField
        label="実施日"
        type="date"
        hint="通常は翌年度の4月1日"
        value={props.effectiveFrom}
        onChange={props.setEffectiveFrom}
        error={props.errors.effectiveFrom}
        required
      />
      <TextField
        label="理由"
        hint="例 令和9年度機構改革（組織規則の一部改正）"
        value={props.reason}
        onChange={props.setReason}
        error={props.errors.reason}
        required
      />
    </div>
  );
}

/** Whether the posts of what ends are ended the day before; without it such a post refuses the change. */
export function EndPostsField(props: { checked: boolean; onChange: (v: boolean) => void; error?: string }) {
  const id = useId();
  return (
    <div className="field">
      <label className="checkbox" htmlFor={id}>
        <input id={id} type="checkbox" checked={props.checked} onChange={(e) => props.onChange(e.target.checked)} />
        なくなる課（部）の課長・庶務担当（部長）の職を前日で終了する
      </label>
      {props.error && <p className="field-error">{props.error}</p>}
    </div>
  );
}

/** What a 機構改革 did, in a sentence: the change, from when, and the posts it ended. */
export function reorganisedText(change: string, effectiveFrom: string, answer: Reorganised | undefined): string {
  const ended = answer?.endedPosts ?? [];
  return (
    `${change}（${formatWareki(effectiveFrom)}から）。` +
    (ended.length
      ? `終了した職：${ended.map((p) => `${p.name}（${p.title}、${formatWareki(p.until)}まで）`).join('、')}。`
      : '')
  );
}

const DATE = /^\d{4}-\d{2}-\d{2}$/;

/** The form's frame (the application's one form shell): its heading, focused when it opens, the refusal, the fields, the buttons. */
export function PanelForm(props: {
  title: string;
  submit: string;
  error: unknown;
  pending: boolean;
  onSubmit: () => void;
  onCancel: () => void;
  children: ReactNode;
}) {
  return (
    <FormShell
      className="panel form"
      title={props.title}
      level={4}
      headingId="section-action-heading"
      error={props.error}
      busy={props.pending}
      submit={props.submit}
      onSubmit={props.onSubmit}
      onCancel={props.onCancel}
    >
      {props.children}
    </FormShell>
  );
}

/** The day's organisation, for choosing a department or a section as of the day the change takes effect. */
export function useOrganisationOn(effectiveFrom: string) {
  const year = fiscalYearOfDate(DATE.test(effectiveFrom) ? effectiveFrom : nextAprilFirst());
  return { year, departments: useDepartments(year).data?.departments ?? [] };
}
