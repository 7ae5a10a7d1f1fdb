import { useEffect, useRef, useState } from 'react';
import type { DepartmentView } from '../admin-data';
import { Done } from '../ui';
import { DEPARTMENT_ACTIONS, SECTION_ACTIONS } from './section-forms';

type Open = { scope: 'section'; kind: string; sectionId: string } | { scope: 'department'; kind: string } | null;

/** One department of the year: its sections, and the changes an administrator makes to them. */
export function DepartmentCard({ department }: { department: DepartmentView }) {
  const [open, setOpen] = useState<Open>(null);
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
                <th scope="row">{s.name}</th>
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
            aria-label={`${department.name}に${a.label}`}
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
            onDone={close}
            onCancel={() => close()}
          />
        )}
        {DepartmentForm && <DepartmentForm department={department} onDone={close} onCancel={() => close()} />}
      </div>
    </section>
  );
}
