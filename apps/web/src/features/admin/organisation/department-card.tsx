import { useEffect, useRef, useState } from 'react';
import { fiscalYearLabel } from '../../../lib/wareki';
import { useDepartments, type DepartmentView } from '../../../api/queries';
import { Done } from '../../../ui/fields';
import { DEPARTMENT_ACTIONS, SECTION_ACTIONS } from './actions';

type Open = { scope: 'section'; kind: string; sectionId: string } | { scope: 'department'; kind: string } | null;

/** One department of the year: its sections, and the changes an administrator makes to them. */
export function DepartmentCard({ department, fiscalYear }: { department: DepartmentView; fiscalYear: number }) {
  const [open, setOpen] = useState<Open>(null);
  // What next year's organisation does to each section, so the year's changes can be checked at a glance.
  const nextYear = useDepartments(fiscalYear + 1).data?.departments;
  const nextName = (sectionId: string) =>
    nextYear?.flatMap((d) => d.sections.map((s) => ({ ...s, department: d }))).find((s) => s.sectionId === sectionId);
  const nextYearNote = (section: DepartmentView['sections'][number]): string | undefined => {
    if (!nextYear) return undefined;
    const next = nextName(section.sectionId);
    const label = fiscalYearLabel(fiscalYear + 1);
    if (!next) return `${label}はなし（統合・分割・廃止）`;
    if (next.department.departmentId !== department.departmentId) return `${label}から${next.department.name}へ移管`;
    if (next.name !== section.name) return `${label}から「${next.name}」`;
    return undefined;
  };
  const [done, setDone] = useState<string>();
  const panel = useRef<HTMLDivElement>(null);
  const opener = useRef<HTMLButtonElement | null>(null);
  useEffect(() => {
    // The form opens below the table: focus moves to its heading so the keyboard follows.
    if (open) panel.current?.querySelector<HTMLElement>('h4')?.focus();
  }, [open]);
  const close = (text?: string) => {
    setOpen(null);
    if (text) setDone(text);
    opener.current?.focus();
  };
  const section = open?.scope === 'section' ? department.sections.find((s) => s.sectionId === open.sectionId) : null;
  const SectionForm = open?.scope === 'section' ? SECTION_ACTIONS.find((a) => a.kind === open.kind)?.Form : undefined;
  const DepartmentForm =
    open?.scope === 'department' ? DEPARTMENT_ACTIONS.find((a) => a.kind === open.kind)?.Form : undefined;
  const headingId = `department-${department.departmentId}`;
  return (
    <section className="card" aria-labelledby={headingId}>
      <h3 id={headingId}>
        {department.name} <span className="meta">（{department.headTitle}）</span>
      </h3>
      {department.sections.length === 0 ? (
        <p>この年度の課はありません。</p>
      ) : (
        <table className="table">
          <caption className="visually-hidden">{department.name}の課</caption>
          <thead>
            <tr>
              <th scope="col">課</th>
              <th scope="col">操作</th>
            </tr>
          </thead>
          <tbody>
            {department.sections.map((s) => (
              <tr key={s.sectionId}>
                <th scope="row">
                  {s.name}
                  {nextYearNote(s) && <span className="next-year">{nextYearNote(s)}</span>}
                </th>
                <td className="row-actions">
                  {SECTION_ACTIONS.map((a) => (
                    <button
                      key={a.kind}
                      type="button"
                      className="button button-secondary button-small"
                      aria-label={`${s.name}の${a.label}`}
                      aria-expanded={
                        open?.scope === 'section' && open.kind === a.kind && open.sectionId === s.sectionId
                      }
                      onClick={(e) => {
                        opener.current = e.currentTarget;
                        setDone(undefined);
                        setOpen({ scope: 'section', kind: a.kind, sectionId: s.sectionId });
                      }}
                    >
                      {a.label}
                    </button>
                  ))}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      <div className="actions">
        {DEPARTMENT_ACTIONS.map((a) => (
          <button
            key={a.kind}
            type="button"
            className="button button-secondary"
            aria-label={
              a.kind === 'add-section'
                ? `${department.name}に${a.label}`
                : `${department.name}の${a.label.replace(/^部の/, '')}`
            }
            aria-expanded={open?.scope === 'department' && open.kind === a.kind}
            onClick={(e) => {
              opener.current = e.currentTarget;
              setDone(undefined);
              setOpen({ scope: 'department', kind: a.kind });
            }}
          >
            {a.label}
          </button>
        ))}
      </div>
      <Done text={done} />
      <div ref={panel}>
        {SectionForm && section && (
          <SectionForm
            key={`${open?.kind}-${section.sectionId}`}
            department={department}
            section={section}
            fiscalYear={fiscalYear}
            onDone={close}
            onCancel={() => close()}
          />
        )}
        {DepartmentForm && (
          <DepartmentForm
            key={open?.kind}
            department={department}
            fiscalYear={fiscalYear}
            onDone={close}
            onCancel={() => close()}
          />
        )}
      </div>
    </section>
  );
}
