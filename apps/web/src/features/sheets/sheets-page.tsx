import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { Link, useNavigate } from 'react-router';
import { api, read } from '../../api/client';
import { useMe } from '../../lib/me';
import { fiscalYearLabel, formatWareki } from '../../lib/wareki';
import { ErrorBanner, Field, fieldErrors } from '../../ui/forms';

/** Today in Asia/Tokyo as YYYY-MM-DD, and the fiscal year (April to March) it falls in. */
function today(): { date: string; fiscalYear: number } {
  const date = new Date(Date.now() + 9 * 3600_000).toISOString().slice(0, 10);
  const [year, month] = date.split('-').map(Number);
  return { date, fiscalYear: month >= 4 ? year : year - 1 };
}

/** 部長: opens the department's sheet of a year, so that the 課長 can add their goals to it. */
function OpenSheetForm({ existing }: { existing: number[] }) {
  const me = useMe();
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  const now = today();
  const years = [now.fiscalYear, now.fiscalYear + 1, now.fiscalYear - 1].filter((y) => !existing.includes(y));
  const [fiscalYear, setFiscalYear] = useState(years[0] ?? now.fiscalYear);
  const [createdOn, setCreatedOn] = useState(now.date);
  const [headTitle, setHeadTitle] = useState(me.posts[0] ?? '');
  const [headName, setHeadName] = useState(me.name);
  const open = useMutation({
    mutationFn: async () => {
      const department = me.department?.name ?? '';
      const body = { department, fiscalYear, createdOn, headTitle, headName };
      return read(api.POST('/api/v1/sheets', { body }));
    },
    onSuccess: (opened) => {
      void queryClient.invalidateQueries();
      void navigate(`/sheets/${opened.sheetId}`);
    },
  });
  const errors = fieldErrors(open.error);
  return (
    <form
      className="card form"
      aria-labelledby="open-sheet-heading"
      onSubmit={(e) => {
        e.preventDefault();
        open.mutate();
      }}
    >
      <h2 id="open-sheet-heading">整理表を作成</h2>
      <ErrorBanner error={open.error} />
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
      <Field label="作成日" error={errors.createdOn} required>
        {({ id, describedBy, invalid }) => (
          <input
            id={id}
            type="date"
            value={createdOn}
            aria-describedby={describedBy}
            aria-invalid={invalid}
            onChange={(e) => setCreatedOn(e.target.value)}
          />
        )}
      </Field>
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
      <div className="actions">
        <button type="submit" className="button button-primary" disabled={open.isPending}>
          作成
        </button>
      </div>
    </form>
  );
}

export default function SheetsPage() {
  const me = useMe();
  const sheets = useQuery({
    queryKey: ['sheets'],
    queryFn: () => read(api.GET('/api/v1/sheets', { params: { query: { limit: '200' } } })),
  });
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
      {me.role === 'departmentHead' && sheets.isSuccess && <OpenSheetForm existing={mine} />}
    </>
  );
}
