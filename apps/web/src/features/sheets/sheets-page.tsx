import { useState } from 'react';
import { Link, useNavigate } from 'react-router';
import { useSheets } from '../../api/queries';
import { useMe } from '../../lib/me';
import { fiscalYearChoices, fiscalYearLabel, fiscalYearOfDate, formatWareki, todayInTokyo } from '../../lib/wareki';
import { TextField } from '../../ui/fields';
import { FormShell } from '../../ui/form-shell';
import { ErrorBanner, Field, fieldErrors, retryOnNetwork } from '../../ui/forms';
import { useOpenSheet } from './api';

/** 部長: opens the department's sheet of a year, so that the 課長 can add their goals to it. */
function OpenSheetForm({ existing, cityYears }: { existing: number[]; cityYears: number[] }) {
  const me = useMe();
  const navigate = useNavigate();
  const today = todayInTokyo();
  const thisYear = fiscalYearOfDate(today);
  const years = fiscalYearChoices(cityYears, thisYear).filter((y) => !existing.includes(y));
  const [fiscalYear, setFiscalYear] = useState(years.includes(thisYear) ? thisYear : (years[0] ?? thisYear));
  const [createdOn, setCreatedOn] = useState(today);
  const [headTitle, setHeadTitle] = useState(me.posts[0] ?? '');
  const [headName, setHeadName] = useState(me.name);
  const open = useOpenSheet((sheetId) => void navigate(`/sheets/${sheetId}`));
  const errors = fieldErrors(open.error);
  return (
    <FormShell
      title="整理表を作成"
      error={open.error}
      onRetry={retryOnNetwork(open)}
      busy={open.isPending}
      submit="作成"
      onSubmit={() =>
        open.mutate({ department: me.department?.name ?? '', fiscalYear, createdOn, headTitle, headName })
      }
    >
      <Field label="年度" error={errors.fiscalYear} required>
        {({ id, describedBy, invalid }) => (
          <select
            id={id}
            value={fiscalYear}
            aria-describedby={describedBy}
            aria-invalid={invalid}
            onChange={(e) => setFiscalYear(Number(e.target.value))}
          >
            {years.map((y) => (
              <option key={y} value={y}>
                {fiscalYearLabel(y)}
              </option>
            ))}
          </select>
        )}
      </Field>
      <TextField
        label="作成日"
        type="date"
        value={createdOn}
        onChange={setCreatedOn}
        error={errors.createdOn}
        required
      />
      <Field label="職名" error={errors.headTitle} required>
        {({ id, describedBy, invalid }) => (
          <input
            id={id}
            value={headTitle}
            aria-describedby={describedBy}
            aria-invalid={invalid}
            onChange={(e) => setHeadTitle(e.target.value)}
          />
        )}
      </Field>
      <Field label="氏名" error={errors.headName} required>
        {({ id, describedBy, invalid }) => (
          <input
            id={id}
            value={headName}
            aria-describedby={describedBy}
            aria-invalid={invalid}
            onChange={(e) => setHeadName(e.target.value)}
          />
        )}
      </Field>
    </FormShell>
  );
}

export default function SheetsPage() {
  const me = useMe();
  const sheets = useSheets();
  const list = [...(sheets.data?.items ?? [])].sort(
    (a, b) => b.fiscalYear - a.fiscalYear || a.department.localeCompare(b.department),
  );
  const mine = list.filter((s) => s.department === me.department?.name).map((s) => s.fiscalYear);
  return (
    <>
      <h1>整理表</h1>
      <ErrorBanner error={sheets.error} onRetry={() => void sheets.refetch()} />
      {sheets.isSuccess && list.length === 0 && <p>整理表はまだありません。</p>}
      <ul className="link-list">
        {list.map((s) => (
          <li key={s.sheetId}>
            <Link to={`/sheets/${s.sheetId}`}>
              {fiscalYearLabel(s.fiscalYear)} {s.department} 組織目標展開整理表
            </Link>
            <span className="meta">（作成日 {formatWareki(s.createdOn)}）</span>
          </li>
        ))}
      </ul>
      {me.role === 'departmentHead' && sheets.isSuccess && (
        <OpenSheetForm existing={mine} cityYears={list.map((s) => s.fiscalYear)} />
      )}
    </>
  );
}
