import { useState } from 'react';
import { ApiError } from '../../../api/client';
import { usePlan } from '../../../api/queries';
import { contentTypeOf, problemPlace, readTableFile, type TableFile } from '../../../lib/table-file';
import { fiscalYearLabel, fiscalYearOfDate, formatWareki, todayInTokyo } from '../../../lib/wareki';
import { FileField, TextField } from '../../../ui/fields';
import { ErrorBanner } from '../../../ui/forms';
import { useUploadPlan } from '../api';

/**
 * 総合計画: the city's 施策 as a dated list (ID, 名称, 親ID), loaded from the planning office's spreadsheet.
 * Optional: a city without one never sees 施策 anywhere. A new version keeps the old one for the years before.
 */
export function PlanPage() {
  const [file, setFile] = useState<TableFile>();
  const [validFrom, setValidFrom] = useState(`${fiscalYearOfDate(todayInTokyo())}-04-01`);
  const [title, setTitle] = useState('');
  const [year, setYear] = useState(String(fiscalYearOfDate(todayInTokyo())));
  const upload = useUploadPlan();
  const shown = /^\d{4}$/.test(year) ? Number(year) : undefined;
  const plan = usePlan(shown);
  const problems =
    upload.error instanceof ApiError && upload.error.problem.status === 400 ? (upload.error.problem.errors ?? []) : [];
  return (
    <>
      <h2>総合計画</h2>
      <section className="card" aria-labelledby="plan-upload-heading">
        <h3 id="plan-upload-heading">施策の一覧を読み込む</h3>
        <p className="meta">
          列は
          ID・名称・親ID（基本目標の行は親IDを空に）。Excelで保存したCSV（Shift_JIS）やタブ区切りもそのまま読み込めます。
          適用開始日より前の年度は、それまでの版のままです。1行でも誤りがあれば何も読み込みません。
        </p>
        <form
          className="form"
          onSubmit={(e) => {
            e.preventDefault();
            if (file) upload.mutate({ bytes: file.bytes, contentType: contentTypeOf(file), validFrom, title });
          }}
        >
          <TextField label="適用開始日" type="date" value={validFrom} onChange={setValidFrom} required />
          <TextField label="計画の名前" value={title} onChange={setTitle} hint="例：第6次総合計画（後期基本計画）" />
          <FileField
            label="施策の一覧のファイル"
            accept=".csv,.tsv,.txt,text/csv,text/tab-separated-values"
            read={readTableFile}
            onRead={setFile}
            onPick={() => upload.reset()}
          />
          <div className="actions">
            <button type="submit" className="button button-primary" disabled={!file || upload.isPending}>
              読み込む
            </button>
          </div>
        </form>
        {upload.error && !problems.length && <ErrorBanner error={upload.error} />}
        {problems.length > 0 && (
          <div className="banner banner-error" role="alert">
            <p>{problems.length}件の誤りがあります。何も読み込んでいません。</p>
            <ul>
              {problems.map((p, i) => {
                const place = problemPlace(p.field);
                return (
                  <li key={i}>
                    {place.line ? `${place.line}行目${place.column ? ` ${place.column}` : ''}：` : ''}
                    {p.reason}
                  </li>
                );
              })}
            </ul>
          </div>
        )}
        {upload.data && (
          <div role="status" className="banner banner-info">
            <p>
              {upload.data.loaded
                ? `${upload.data.entries}行を読み込みました（${formatWareki(upload.data.validFrom)}から適用）。`
                : 'この版はすでに読み込まれていました。変更はありません。'}
            </p>
          </div>
        )}
      </section>
      <section className="card" aria-labelledby="plan-versions-heading">
        <h3 id="plan-versions-heading">読み込んだ版と年度ごとの施策</h3>
        <div className="toolbar">
          <TextField label="年度（西暦の始まる年）" value={year} onChange={setYear} hint="例：2022（令和4年度）" />
        </div>
        {plan.isError && <ErrorBanner error={plan.error} />}
        {plan.data && (
          <>
            <table className="table">
              <caption>読み込んだ版</caption>
              <thead>
                <tr>
                  <th scope="col">適用開始日</th>
                  <th scope="col">計画の名前</th>
                  <th scope="col">行数</th>
                </tr>
              </thead>
              <tbody>
                {plan.data.versions.length === 0 && (
                  <tr>
                    <td colSpan={3}>まだ読み込まれていません。</td>
                  </tr>
                )}
                {plan.data.versions.map((v) => (
                  <tr key={v.validFrom}>
                    <th scope="row">{v.validFromWareki}</th>
                    <td>{v.title ?? ''}</td>
                    <td className="num">{v.entries}</td>
                  </tr>
                ))}
              </tbody>
            </table>
            {plan.data.plan ? (
              <table className="table plan-tree">
                <caption>
                  {fiscalYearLabel(plan.data.fiscalYear)}の総合計画（{plan.data.plan.title ?? '名前なし'}、
                  {plan.data.plan.validFromWareki}から）
                </caption>
                <thead>
                  <tr>
                    <th scope="col">階層</th>
                    <th scope="col">ID</th>
                    <th scope="col">名称</th>
                  </tr>
                </thead>
                <tbody>
                  {plan.data.plan.nodes.map((n) => (
                    <tr key={n.id}>
                      <td>{n.level}</td>
                      <td>{n.id}</td>
                      <th scope="row" style={{ paddingLeft: `${0.5 + n.depth * 1.5}em` }}>
                        {n.name}
                      </th>
                    </tr>
                  ))}
                </tbody>
              </table>
            ) : (
              <p>{fiscalYearLabel(plan.data.fiscalYear)}の総合計画は読み込まれていません。</p>
            )}
          </>
        )}
      </section>
    </>
  );
}
