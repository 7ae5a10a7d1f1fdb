import { useQuery } from '@tanstack/react-query';
import { Link } from 'react-router';
import { getJson } from '../../api/client';
import type { Page, SheetHeader } from '../../api/views';
import { fiscalYearLabel, formatWareki } from '../../lib/wareki';
import { ErrorBanner } from '../../ui/forms';

export default function SheetsPage() {
  const sheets = useQuery({ queryKey: ['sheets'], queryFn: () => getJson<Page<SheetHeader>>('/api/v1/sheets?limit=200') });
  const list = [...(sheets.data?.items ?? [])].sort((a, b) => b.fiscalYear - a.fiscalYear || a.department.localeCompare(b.department));
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
    </>
  );
}
