import { useState } from 'react';
import { fiscalYearLabel, fiscalYearOfDate, todayInTokyo } from '../../../lib/wareki';
import { ErrorBanner, Field } from '../../../ui/forms';
import { useDepartments } from '../../../api/queries';
import { DepartmentCard } from './department-card';
import { EstablishDepartmentForm } from './establish-department-form';

/** 組織: the departments and sections of a chosen year, and the changes for the next one. */
export function OrganisationPage() {
  const thisYear = fiscalYearOfDate(todayInTokyo());
  const [fiscalYear, setFiscalYear] = useState(thisYear);
  const departments = useDepartments(fiscalYear);
  const list = departments.data?.departments ?? [];
  return (
    <>
      <h2>組織</h2>
      <div className="toolbar">
        <Field label="年度">
          {({ id }) => (
            <select id={id} value={fiscalYear} onChange={(e) => setFiscalYear(Number(e.target.value))}>
              {[thisYear - 1, thisYear, thisYear + 1, thisYear + 2].map((y) => (
                <option key={y} value={y}>
                  {fiscalYearLabel(y)}
                </option>
              ))}
            </select>
          )}
        </Field>
        <p className="meta">名称はその年度の4月1日時点のものです。変更は変更日を含む年度から表示されます。</p>
      </div>
      <ErrorBanner error={departments.error} onRetry={() => void departments.refetch()} />
      {departments.isPending && <p className="loading">読み込み中…</p>}
      {departments.isSuccess && list.length === 0 && <p>{fiscalYearLabel(fiscalYear)}の部はありません。</p>}
      <div className="department-grid">
        {list.map((d) => (
          <DepartmentCard key={d.departmentId} department={d} fiscalYear={fiscalYear} />
        ))}
      </div>
      <EstablishDepartmentForm />
    </>
  );
}
