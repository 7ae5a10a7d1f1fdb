import { Link, useNavigate } from 'react-router';
import { useMe } from '../../lib/me';
import { fiscalYearLabel } from '../../lib/wareki';
import { ErrorBanner, retryOnNetwork } from '../../ui/forms';
import { useLatestSheets, useOpenNextSheet } from './api';

/**
 * Where the 部長 and 課長 find it: on a closed latest year, 「次年度へ引き継ぐ」 opens next year's sheet
 * (the 部長's) and goes there; on a new year with a year before, 「前年度の目標を引き継ぐ」.
 */
export function CarryOverEntry() {
  const me = useMe();
  const navigate = useNavigate();
  const sheets = useLatestSheets(me.department?.name);
  const open = useOpenNextSheet((id) => void navigate(`/sheets/${id}/carry-over`));
  const latest = sheets.data?.latest;
  if (!latest || (me.role !== 'departmentHead' && me.role !== 'sectionHead')) return null;
  if (sheets.data?.closed && me.role === 'departmentHead') {
    const next = latest.fiscalYear + 1;
    return (
      <section className="card" aria-labelledby="carry-over-entry">
        <h2 id="carry-over-entry">次年度への引継ぎ</h2>
        <p>
          {fiscalYearLabel(latest.fiscalYear)}は締められています。{fiscalYearLabel(next)}
          の整理表を作成し、達成できなかった目標や継続する目標を引き継ぎます。
        </p>
        <ErrorBanner error={open.error} onRetry={retryOnNetwork(open)} />
        <button
          type="button"
          className="button button-primary"
          disabled={open.isPending}
          onClick={() =>
            open.mutate({
              department: latest.department,
              fiscalYear: next,
              createdOn: `${next}-04-01`,
              headTitle: latest.headTitle,
              headName: latest.headName,
            })
          }
        >
          次年度へ引き継ぐ
        </button>
      </section>
    );
  }
  if (!sheets.data?.previous) return null;
  return (
    <p>
      <Link to={`/sheets/${latest.sheetId}/carry-over`}>
        {fiscalYearLabel(sheets.data.previous.fiscalYear)}の目標を{fiscalYearLabel(latest.fiscalYear)}へ引き継ぐ
      </Link>
    </p>
  );
}
