import { useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { api, read } from '../../api/client';
import { useMe } from '../../lib/me';
import { fiscalYearLabel, formatWareki } from '../../lib/wareki';
import { ErrorBanner, Field, fieldErrors, retryOnNetwork, TextAreaField } from '../../ui/forms';
import {
  MidYearWindowView,
  PROGRESS_LEVELS,
  REPORT_STATUS_LABEL,
  SectionReport,
  useCloseYear,
  useDecideReport,
  useDepartmentSheets,
  useOpenWindow,
  useReopenYear,
  useYear,
  YearOverview,
} from './api';

/**
 * 部長: the year of the department's latest sheet in the 受信箱 — each 中間報告 window's progress across
 * sections (counts by 進捗状況, who has not reported), 確認 / 差戻し of each report, 「中間報告を開始」,
 * 「年度を締める」 and 「再開」.
 */
export function YearPanel() {
  const me = useMe();
  const sheets = useDepartmentSheets(me.department?.name);
  const latest = sheets.data?.[0];
  const year = useYear(latest?.sheetId);
  if (!latest) return null;
  return (
    <section aria-labelledby="year-heading" className="year-panel">
      <h2 id="year-heading">年度の運営（{fiscalYearLabel(latest.fiscalYear)}）</h2>
      <ErrorBanner error={year.error} onRetry={() => void year.refetch()} />
      {year.data && <YearBody sheetId={latest.sheetId} fiscalYear={latest.fiscalYear} year={year.data} />}
    </section>
  );
}

function YearBody({ sheetId, fiscalYear, year }: { sheetId: string; fiscalYear: number; year: YearOverview }) {
  return (
    <>
      {year.closed ? (
        <ReopenForm sheetId={sheetId} />
      ) : (
        year.reopenReason && <p className="banner banner-info">再開されています（理由：{year.reopenReason}）</p>
      )}
      {[...year.windows].reverse().map((w) => (
        <WindowProgress key={w.number} sheetId={sheetId} window={w} />
      ))}
      {!year.closed && <OpenWindowForm sheetId={sheetId} fiscalYear={fiscalYear} next={year.windows.length + 1} />}
      {!year.closed && <CloseYearForm sheetId={sheetId} />}
    </>
  );
}

function WindowProgress({ sheetId, window }: { sheetId: string; window: MidYearWindowView }) {
  const name = window.label ?? `第${window.number}回`;
  const id = `window-${window.number}`;
  return (
    <section className="card" aria-labelledby={id}>
      <h3 id={id}>
        中間報告 {name}（{window.opensOnWareki}〜{window.closesOnWareki}）
      </h3>
      <ul className="counts" aria-label={`${name}の進捗状況の件数`}>
        {PROGRESS_LEVELS.map((p) => (
          <li key={p}>
            {p} <strong>{window.counts[p] ?? 0}</strong>件
          </li>
        ))}
      </ul>
      <p>未報告：{window.notReported.length ? window.notReported.join('、') : 'なし（すべての課が報告済み）'}</p>
      <table className="table">
        <thead>
          <tr>
            <th scope="col">課名</th>
            <th scope="col">状態</th>
            <th scope="col">進捗</th>
            <th scope="col">
              <span className="visually-hidden">操作</span>
            </th>
          </tr>
        </thead>
        <tbody>
          {window.sections.map((s) => (
            <ReportRow key={s.sectionId} sheetId={sheetId} window={window.number} report={s} />
          ))}
        </tbody>
      </table>
    </section>
  );
}

function ReportRow({ sheetId, window, report }: { sheetId: string; window: number; report: SectionReport }) {
  const decide = useDecideReport({ sheetId, window, sectionId: report.sectionId });
  const [returning, setReturning] = useState(false);
  const [reason, setReason] = useState('');
  const shown = report.status === 'submitted' || report.status === 'confirmed';
  return (
    <tr>
      <td className="nowrap">{report.section}</td>
      <td className="nowrap">
        {REPORT_STATUS_LABEL[report.status]}
        {report.late && '（締切日後）'}
      </td>
      <td>
        {shown ? (
          <ul className="progress-lines">
            {report.goals.map((g) => (
              <li key={g.goalId}>
                番号{g.number} {g.title}：<strong>{g.progress ?? '—'}</strong>
                {g.comment && (
                  <span className="note">
                    {'\u3000'}
                    {g.comment}
                  </span>
                )}
              </li>
            ))}
          </ul>
        ) : (
          <span>—</span>
        )}
      </td>
      <td>
        {report.status === 'submitted' && (
          <div className="actions">
            <ErrorBanner error={decide.error} onRetry={retryOnNetwork(decide)} />
            <button
              type="button"
              className="button button-primary"
              aria-label={`確認：${report.section}の中間報告`}
              disabled={decide.isPending}
              onClick={() => decide.mutate({ decision: 'confirm', revision: report.revision })}
            >
              確認
            </button>
            {!returning ? (
              <button
                type="button"
                className="button button-secondary"
                aria-label={`差戻し：${report.section}の中間報告`}
                onClick={() => setReturning(true)}
              >
                差戻し
              </button>
            ) : (
              <form
                onSubmit={(e) => {
                  e.preventDefault();
                  decide.mutate({ decision: 'return', reason, revision: report.revision });
                }}
              >
                <TextAreaField
                  label={`差戻しの理由（${report.section}）`}
                  value={reason}
                  onChange={setReason}
                  error={fieldErrors(decide.error).reason}
                  required
                />
                <button type="submit" className="button button-secondary" disabled={decide.isPending}>
                  差し戻す
                </button>
              </form>
            )}
          </div>
        )}
      </td>
    </tr>
  );
}

function OpenWindowForm({ sheetId, fiscalYear, next }: { sheetId: string; fiscalYear: number; next: number }) {
  const open = useOpenWindow(sheetId);
  const [opensOn, setOpensOn] = useState('');
  const [closesOn, setClosesOn] = useState('');
  const [label, setLabel] = useState(next === 1 ? '上期' : '');
  const errors = fieldErrors(open.error);
  const wareki = (d: string) => (/^\d{4}-\d{2}-\d{2}$/.test(d) ? formatWareki(d) : undefined);
  return (
    <form
      className="card form"
      aria-labelledby="open-window-heading"
      onSubmit={(e) => {
        e.preventDefault();
        open.mutate({ opensOn, closesOn, ...(label.trim() ? { label: label.trim() } : {}) });
      }}
    >
      <h3 id="open-window-heading">中間報告を開始（第{next}回）</h3>
      <ErrorBanner error={open.error} onRetry={retryOnNetwork(open)} />
      <Field label="開始日" error={errors.opensOn} hint={wareki(opensOn)} required>
        {({ id, describedBy, invalid }) => (
          <input
            id={id}
            type="date"
            min={`${fiscalYear}-04-01`}
            max={`${fiscalYear + 1}-03-31`}
            value={opensOn}
            aria-describedby={describedBy}
            aria-invalid={invalid}
            onChange={(e) => setOpensOn(e.target.value)}
          />
        )}
      </Field>
      <Field label="締切日" error={errors.closesOn} hint={wareki(closesOn)} required>
        {({ id, describedBy, invalid }) => (
          <input
            id={id}
            type="date"
            min={`${fiscalYear}-04-01`}
            max={`${fiscalYear + 1}-03-31`}
            value={closesOn}
            aria-describedby={describedBy}
            aria-invalid={invalid}
            onChange={(e) => setClosesOn(e.target.value)}
          />
        )}
      </Field>
      <Field label="呼び名（任意）" error={errors.label} hint="例：上期、第3四半期">
        {({ id, describedBy, invalid }) => (
          <input
            id={id}
            value={label}
            aria-describedby={describedBy}
            aria-invalid={invalid}
            onChange={(e) => setLabel(e.target.value)}
          />
        )}
      </Field>
      <button type="submit" className="button button-primary" disabled={open.isPending}>
        中間報告を開始
      </button>
    </form>
  );
}

/** 年度を締める: every goal 確定, or 対象外 with a reason given here. */
function CloseYearForm({ sheetId }: { sheetId: string }) {
  const sheet = useQuery({
    queryKey: ['sheet', sheetId],
    queryFn: () => read(api.GET('/api/v1/sheets/{sheetId}', { params: { path: { sheetId } } })),
  });
  const close = useCloseYear(sheetId);
  const [reasons, setReasons] = useState<Record<string, string>>({});
  const open = (sheet.data?.rows ?? []).filter((r) => r.status !== 'confirmed');
  return (
    <form
      className="card form"
      aria-labelledby="close-year-heading"
      onSubmit={(e) => {
        e.preventDefault();
        close.mutate(
          open
            .filter((r) => (reasons[r.goalId] ?? '').trim())
            .map((r) => ({ goalId: r.goalId, reason: reasons[r.goalId].trim() })),
        );
      }}
    >
      <h3 id="close-year-heading">年度を締める</h3>
      <p className="hint">
        すべての目標の達成状況が確定していれば締められます。確定していない目標は、理由を入力すると対象外として締められます。締めた後は変更できません（部長が理由を付けて再開できます）。
      </p>
      <ErrorBanner error={close.error} onRetry={retryOnNetwork(close)} />
      {open.map((r) => (
        <TextAreaField
          key={r.goalId}
          label={`番号${r.number}「${r.title}」を対象外とする理由`}
          value={reasons[r.goalId] ?? ''}
          onChange={(v) => setReasons((all) => ({ ...all, [r.goalId]: v }))}
        />
      ))}
      <button type="submit" className="button button-primary" disabled={close.isPending}>
        年度を締める
      </button>
    </form>
  );
}

function ReopenForm({ sheetId }: { sheetId: string }) {
  const reopen = useReopenYear(sheetId);
  const [reason, setReason] = useState('');
  return (
    <form
      className="card form"
      aria-labelledby="reopen-heading"
      onSubmit={(e) => {
        e.preventDefault();
        reopen.mutate(reason);
      }}
    >
      <h3 id="reopen-heading">この年度は締められています</h3>
      <p className="hint">変更が必要なときは、理由を付けて再開してください。再開の記録は監査で確認されます。</p>
      <ErrorBanner error={reopen.error} onRetry={retryOnNetwork(reopen)} />
      <TextAreaField
        label="再開する理由"
        value={reason}
        onChange={setReason}
        error={fieldErrors(reopen.error).reason}
        required
      />
      <button type="submit" className="button button-secondary" disabled={reopen.isPending}>
        再開
      </button>
    </form>
  );
}
