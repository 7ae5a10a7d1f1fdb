import { useState } from 'react';
import { Link } from 'react-router';
import { ApiError } from '../../api/client';
import { useMe } from '../../lib/me';
import { problemPlace, readTableFile, type TableFile } from '../../lib/table-file';
import { formatWareki } from '../../lib/wareki';
import { FileField, ScrollBox, TextField } from '../../ui/fields';
import { ErrorBanner } from '../../ui/forms';
import { useImportSheet } from './api';

/**
 * 整理表の取込み (部長: their own department; 管理者: any): an old sheet as Excel saved it — TSV, CSV
 * (Shift_JIS or UTF-8) or XLSX — all or nothing, every refusal by line beside the file.
 */
export default function SheetImportPage({ heading = 'h1' }: { heading?: 'h1' | 'h2' }) {
  const me = useMe();
  const Heading = heading;
  const [file, setFile] = useState<TableFile>();
  const [department, setDepartment] = useState('');
  const upload = useImportSheet();
  const problems =
    upload.error instanceof ApiError && upload.error.problem.status === 400 ? (upload.error.problem.errors ?? []) : [];
  const badLines = new Set(problems.map((p) => problemPlace(p.field).line));
  return (
    <>
      <Heading>整理表の取込み</Heading>
      <section className="card" aria-labelledby="sheet-upload-heading">
        <h2 id="sheet-upload-heading" className="h3">
          整理表のファイルを取り込む
        </h2>
        <p className="meta">
          Excelで保存したTSV・CSV（Shift_JISまたはUTF-8）またはXLSXをそのまま取り込めます。
          {me.role === 'departmentHead' ? `${me.department?.name ?? ''}の整理表だけを取り込めます。` : ''}
          1行でも誤りがあれば何も登録しません。
        </p>
        <form
          className="form"
          noValidate
          onSubmit={(e) => {
            e.preventDefault();
            if (file) upload.mutate({ file, department: department.trim() || undefined });
          }}
        >
          <FileField
            label="整理表のファイル"
            accept=".tsv,.txt,.csv,.xlsx,text/tab-separated-values,text/csv"
            read={readTableFile}
            onRead={setFile}
            onPick={() => upload.reset()}
          />
          {me.role === 'admin' && (
            <TextField
              label="部"
              hint="職名から部が分からないとき（例 会計管理者）だけ入力してください"
              value={department}
              onChange={setDepartment}
            />
          )}
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
              整理表に{problems.length}
              件の誤りがあります。何も登録していません。ファイルを直してからもう一度取り込んでください。
            </p>
          </div>
        )}
        {upload.data && (
          <div role="status" className="banner banner-info">
            <p>
              {upload.data.goalIds.length}件の目標を取り込みました。
              {upload.data.registered &&
                `${upload.data.registered.department}（${upload.data.registered.sections.join('、')}）と部長 ${upload.data.registered.head.name}さんを${formatWareki(upload.data.registered.effectiveFrom)}から登録しました。`}{' '}
              {/* An administrator keeps the directory, not goals: the department's head opens the sheet. */}
              {me.role === 'admin' ? (
                '部長が「整理表」から開けます。'
              ) : (
                <Link to={`/sheets/${upload.data.sheetId}`}>取り込んだ整理表を開く</Link>
              )}
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
                  <th scope="col">内容</th>
                </tr>
              </thead>
              <tbody>
                {problems.map((p, i) => {
                  const place = problemPlace(p.field);
                  return (
                    <tr key={i}>
                      <td className="num">
                        {place.line ? `${place.line}行目` : p.field === '(body)' ? 'ファイル' : p.field}
                      </td>
                      <td>{p.reason}</td>
                    </tr>
                  );
                })}
              </tbody>
            </table>
          )}
          {file && file.format !== 'xlsx' && (
            <ScrollBox label="取り込むファイルの内容" className="roster-preview">
              <table className="table">
                <caption>
                  {file.name}（{file.format.toUpperCase()}、{file.encoding}、{file.lines.length}行）
                </caption>
                <tbody>
                  {file.lines.map((cells, i) => {
                    const line = i + 1;
                    return (
                      <tr key={line} className={badLines.has(line) ? 'row-error' : undefined}>
                        <th scope="row" className="num">
                          {line}
                          {badLines.has(line) && <span className="visually-hidden">（誤りあり）</span>}
                        </th>
                        {cells.map((c, j) => (
                          <td key={j} className="pre-wrap">
                            {c}
                          </td>
                        ))}
                      </tr>
                    );
                  })}
                </tbody>
              </table>
            </ScrollBox>
          )}
          {file && file.format === 'xlsx' && <p className="meta">{file.name}（XLSX）</p>}
        </div>
      </section>
    </>
  );
}
