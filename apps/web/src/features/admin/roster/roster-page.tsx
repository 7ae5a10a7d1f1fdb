import { useState } from 'react';
import { ApiError } from '../../../api/client';
import { formatWareki, isCivilDate, todayInTokyo } from '../../../lib/wareki';
import { FileField, ScrollBox, TextField } from '../../../ui/fields';
import { ErrorBanner } from '../../../ui/forms';
import { useUploadRoster } from '../api';
import { problemPlace, readRosterFile, type RosterFile } from '../../../lib/table-file';

const COLUMNS = ['職員番号', '氏名', 'メール', '所属部', '所属課', '職', '発令日'];

/** 名簿の取込み: the 人事課's roster CSV, all or nothing; every problem by line and column beside the file. */
export function RosterPage() {
  const [file, setFile] = useState<RosterFile>();
  const [day, setDay] = useState(todayInTokyo());
  const upload = useUploadRoster();
  const problems =
    upload.error instanceof ApiError && upload.error.problem.status === 400 ? (upload.error.problem.errors ?? []) : [];
  const places = problems.map((p) => problemPlace(p.field));
  const badLines = new Set(places.map((p) => p.line));
  const badCells = new Set(places.map((p) => `${p.line}:${p.column}`));
  const exportDay = /^\d{4}-\d{2}-\d{2}$/.test(day) ? day : todayInTokyo();
  return (
    <>
      <h2>名簿の取込み</h2>
      <section className="card" aria-labelledby="upload-heading">
        <h3 id="upload-heading">名簿のCSVを取り込む</h3>
        <p className="meta">
          列は {COLUMNS.join('・')}
          。Excelで保存したShift_JISのCSVもそのまま取り込めます。1行でも誤りがあれば何も登録しません。
        </p>
        <form
          className="form"
          onSubmit={(e) => {
            e.preventDefault();
            if (file) upload.mutate(file.bytes);
          }}
        >
          <FileField
            label="名簿のCSVファイル"
            accept=".csv,text/csv"
            read={readRosterFile}
            onRead={setFile}
            onPick={() => upload.reset()}
          />
          <div className="actions">
            <button type="submit" className="button button-primary" disabled={!file || upload.isPending}>
              取り込む
            </button>
          </div>
        </form>
        {upload.error && !problems.length && <ErrorBanner error={upload.error} />}
        {problems.length > 0 && (
          <div className="banner banner-error" role="alert">
            <p>
              名簿に{problems.length}
              件の誤りがあります。何も登録していません。ファイルを直してからもう一度取り込んでください。
            </p>
          </div>
        )}
        {upload.data && (
          <div role="status" className="banner banner-info">
            <p>
              {upload.data.appointed === 0
                ? '名簿の内容はすべて登録済みでした。変更はありません。'
                : `${upload.data.appointed}件の発令を登録しました（うち新しく登録した職員 ${upload.data.appointments.filter((a) => a.registered).length}人）。`}
            </p>
          </div>
        )}
        <div className="roster-result">
          {problems.length > 0 && (
            <table className="table roster-problems">
              <caption>誤りの一覧</caption>
              <thead>
                <tr>
                  <th scope="col">行</th>
                  <th scope="col">列</th>
                  <th scope="col">内容</th>
                </tr>
              </thead>
              <tbody>
                {problems.map((p, i) => {
                  const place = problemPlace(p.field);
                  return (
                    <tr key={i}>
                      <td className="num">{place.line ? `${place.line}行目` : 'ファイル'}</td>
                      <td>{place.column ?? ''}</td>
                      <td>{p.reason}</td>
                    </tr>
                  );
                })}
              </tbody>
            </table>
          )}
          {upload.data && upload.data.appointments.length > 0 && (
            <table className="table">
              <caption>登録した発令</caption>
              <thead>
                <tr>
                  <th scope="col">氏名</th>
                  <th scope="col">職員番号</th>
                  <th scope="col">ログインID</th>
                  <th scope="col">職</th>
                  <th scope="col">発令日</th>
                  <th scope="col">職員</th>
                </tr>
              </thead>
              <tbody>
                {upload.data.appointments.map((a) => (
                  <tr key={`${a.personId}-${a.post}-${a.from}`}>
                    <th scope="row">{a.name}</th>
                    <td>{a.employeeNumber ?? ''}</td>
                    <td>{a.loginId}</td>
                    <td>{a.post}</td>
                    <td>{formatWareki(a.from)}</td>
                    <td>{a.registered ? '新規登録' : '登録済'}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          )}
          {file && (
            <ScrollBox label="取り込むファイルの内容" className="roster-preview">
              <table className="table">
                <caption>
                  {file.name}（{file.encoding}、{Math.max(file.lines.length - 1, 0)}行）
                </caption>
                <thead>
                  <tr>
                    <th scope="col">行</th>
                    {(file.lines[0] ?? []).map((c, j) => (
                      <th key={j} scope="col">
                        {c}
                      </th>
                    ))}
                  </tr>
                </thead>
                <tbody>
                  {file.lines.slice(1).map((cells, i) => {
                    const line = i + 2;
                    return (
                      <tr key={line} className={badLines.has(line) ? 'row-error' : undefined}>
                        <th scope="row" className="num">
                          {line}
                          {badLines.has(line) && <span className="visually-hidden">（誤りあり）</span>}
                        </th>
                        {cells.map((c, j) => (
                          <td
                            key={j}
                            className={badCells.has(`${line}:${file.lines[0]?.[j]?.trim()}`) ? 'cell-error' : undefined}
                          >
                            {c}
                            {/* A day as the 発令 documents write it, beside the file's own spelling. */}
                            {isCivilDate(c.trim()) && <span className="wareki">{formatWareki(c.trim())}</span>}
                          </td>
                        ))}
                      </tr>
                    );
                  })}
                </tbody>
              </table>
            </ScrollBox>
          )}
        </div>
      </section>
      <section className="card" aria-labelledby="export-heading">
        <h3 id="export-heading">名簿を書き出す</h3>
        <div className="toolbar">
          <TextField label="基準日" type="date" value={day} onChange={setDay} hint="この日の職で書き出します" />
        </div>
        <p className="roster-downloads">
          <a href={`/api/v1/admin/roster?date=${exportDay}&encoding=cp932`} download>
            名簿をダウンロード（Excel用 Shift_JIS）
          </a>
          <a href={`/api/v1/admin/roster?date=${exportDay}`} download>
            名簿をダウンロード（UTF-8）
          </a>
        </p>
      </section>
    </>
  );
}
