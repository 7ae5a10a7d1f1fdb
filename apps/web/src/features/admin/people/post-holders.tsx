import { fiscalYearLabel, fiscalYearOfDate, formatWareki } from '../../../lib/wareki';
import { heldOn, useDepartments, type PersonView } from '../../../api/queries';

/** Who holds which post on the day: each department's 部長, each section's 課長 and 庶務担当, then 監査 and 管理者. */
export function PostHolders({ people, day }: { people: PersonView[]; day: string }) {
  const departments = useDepartments(fiscalYearOfDate(day));
  const holders = (match: (p: PersonView['posts'][number]) => boolean) =>
    people
      .filter((person) => person.posts.some((p) => heldOn(p, day) && match(p)))
      .map((p) => p.name)
      .join('、') || '（不在）';
  const rows: Array<{ key: string; unit: string; post: string; who: string }> = [];
  for (const d of departments.data?.departments ?? []) {
    rows.push({
      key: d.departmentId,
      unit: d.name,
      post: d.headTitle,
      who: holders((p) => p.kind === 'departmentHead' && p.departmentId === d.departmentId),
    });
    for (const s of d.sections) {
      const of = (kind: string) => (p: PersonView['posts'][number]) =>
        p.kind === kind && (p.sectionIds ?? []).includes(s.sectionId);
      rows.push({
        key: `${s.sectionId}-head`,
        unit: `${d.name} ${s.name}`,
        post: `${s.name}長`,
        who: holders(of('sectionHead')),
      });
      const clerks = holders(of('clerk'));
      if (clerks !== '（不在）')
        rows.push({ key: `${s.sectionId}-clerk`, unit: `${d.name} ${s.name}`, post: '庶務担当', who: clerks });
    }
  }
  rows.push({ key: 'auditor', unit: '', post: '監査', who: holders((p) => p.kind === 'auditor') });
  rows.push({ key: 'planning', unit: '', post: '企画担当', who: holders((p) => p.kind === 'planning') });
  rows.push({ key: 'admin', unit: '', post: '管理者', who: holders((p) => p.kind === 'admin') });
  return (
    <table className="table">
      <caption>
        {formatWareki(day)}の職（{fiscalYearLabel(fiscalYearOfDate(day))}の組織）
      </caption>
      <thead>
        <tr>
          <th scope="col">部・課</th>
          <th scope="col">職</th>
          <th scope="col">氏名</th>
        </tr>
      </thead>
      <tbody>
        {rows.map((r) => (
          <tr key={r.key}>
            <td>{r.unit}</td>
            <th scope="row">{r.post}</th>
            <td className={r.who === '（不在）' ? 'meta' : undefined}>{r.who}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
