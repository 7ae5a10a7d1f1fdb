import { useState } from 'react';
import { useMe } from '../../lib/me';
import { fiscalYearLabel } from '../../lib/wareki';
import { ErrorBanner, Field, fieldErrors, retryOnNetwork } from '../../ui/forms';
import {
  MidYearWindowView,
  PROGRESS_LEVELS,
  ProgressEntry,
  REPORT_STATUS_LABEL,
  SectionReport,
  useDepartmentSheets,
  useSaveReport,
  useSubmitReport,
  useYear,
} from './api';

/**
 * 課長: 「中間報告」 on the goals page while a window is open (and after its 締切日 until submitted):
 * per approved goal a 進捗状況 and a 進捗コメント, 下書き保存 and 提出; the 部長's reason on top when returned.
 */
export function MidYearReportPanel() {
  const me = useMe();
  const sheets = useDepartmentSheets(me.department?.name);
  const latest = sheets.data?.[0];
  const year = useYear(latest?.sheetId);
  if (!latest || !year.data) return null;
  const reports = year.data.windows
    .filter((w) => w.phase !== 'upcoming')
    .flatMap((w) => w.sections.filter((s) => me.sections.includes(s.section)).map((s) => ({ window: w, report: s })))
    .reverse();
  if (reports.length === 0) return null;
  const { window, report } = reports[0];
  return (
    <ReportForm
      key={`${window.number}-${report.sectionId}-${report.revision ?? 'new'}`}
      sheetId={latest.sheetId}
      fiscalYear={latest.fiscalYear}
      window={window}
      report={report}
    />
  );
}

type Draft = Omit<ProgressEntry, 'progress'> & { progress: ProgressEntry['progress'] | '' };

function ReportForm(props: { sheetId: string; fiscalYear: number; window: MidYearWindowView; report: SectionReport }) {
  const { sheetId, window, report } = props;
  const path = { sheetId, window: window.number, sectionId: report.sectionId };
  // A line the 課長 has not chosen yet has progress '' and is left out of what is sent.
  const [entries, setEntries] = useState<Draft[]>(
    report.goals.map((g) => ({
      goalId: g.goalId,
      progress: (g.progress ?? '') as Draft['progress'],
      comment: g.comment,
    })),
  );
  const save = useSaveReport(path);
  const submit = useSubmitReport(path);
  const editable = report.status === 'none' || report.status === 'draft' || report.status === 'returned';
  const name = window.label ?? `第${window.number}回`;
  const headingId = `mid-year-${window.number}-${report.sectionId}`;
  const errors = fieldErrors(submit.error ?? save.error);
  const filled = entries.filter((e): e is ProgressEntry => e.progress !== '');
  const set = (i: number, change: Partial<Draft>) =>
    setEntries((all) => all.map((e, j) => (j === i ? { ...e, ...change } : e)));
  return (
    <section className="card" aria-labelledby={headingId}>
      <h2 id={headingId}>
        中間報告（{fiscalYearLabel(props.fiscalYear)} {name}・{report.section}）
      </h2>
      <p>
        期間：{window.opensOnWareki}〜{window.closesOnWareki}
        {'\u3000'}状態：
        <strong>{REPORT_STATUS_LABEL[report.status]}</strong>
        {report.late && '（締切日後に提出）'}
      </p>
      {report.status === 'returned' && report.lastReturnReason && (
        <div className="banner banner-warning" role="status">
          <p>部長から差し戻されました。理由：{report.lastReturnReason}</p>
        </div>
      )}
      {window.phase === 'past' && editable && (
        <p className="banner banner-info">締切日を過ぎています。提出すると「締切日後に提出」と記録されます。</p>
      )}
      <ErrorBanner
        error={submit.error ?? save.error}
        onRetry={submit.error ? retryOnNetwork(submit) : retryOnNetwork(save)}
      />
      {errors.entries && <p className="field-error">{errors.entries}</p>}
      <form
        className="form"
        onSubmit={(e) => {
          e.preventDefault();
          submit.mutate({ entries: filled, revision: report.revision });
        }}
      >
        {report.goals.map((goal, i) => (
          <fieldset key={goal.goalId} className="fieldset" disabled={!editable}>
            <legend>
              番号{goal.number}
              {'\u3000'}
              {goal.title}
            </legend>
            <Field label="進捗状況" required>
              {({ id, describedBy }) => (
                <select
                  id={id}
                  aria-describedby={describedBy}
                  value={entries[i].progress}
                  onChange={(e) => set(i, { progress: e.target.value as Draft['progress'] })}
                >
                  <option value="">選択してください</option>
                  {PROGRESS_LEVELS.map((p) => (
                    <option key={p} value={p}>
                      {p}
                    </option>
                  ))}
                </select>
              )}
            </Field>
            <Field
              label="進捗コメント"
              hint="取り組んだこと、これからのこと、遅れている場合はその理由"
              required={entries[i].progress === 'やや遅れ' || entries[i].progress === '遅れ'}
            >
              {({ id, describedBy }) => (
                <textarea
                  id={id}
                  rows={3}
                  aria-describedby={describedBy}
                  value={entries[i].comment ?? ''}
                  onChange={(e) => set(i, { comment: e.target.value })}
                />
              )}
            </Field>
          </fieldset>
        ))}
        {editable && (
          <div className="actions">
            <button
              type="button"
              className="button button-secondary"
              disabled={save.isPending || submit.isPending}
              onClick={() => save.mutate({ entries: filled, revision: report.revision })}
            >
              下書き保存
            </button>
            <button type="submit" className="button button-primary" disabled={save.isPending || submit.isPending}>
              提出
            </button>
          </div>
        )}
        {save.isSuccess && !submit.isSuccess && <p role="status">下書きを保存しました。</p>}
        {submit.isSuccess && <p role="status">部長に提出しました。</p>}
      </form>
    </section>
  );
}
