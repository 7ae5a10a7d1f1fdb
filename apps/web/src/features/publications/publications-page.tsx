import { useState } from 'react';
import { Link, useParams } from 'react-router';
import { useMe } from '../../lib/me';
import { fiscalYearLabel, formatWareki, formatWarekiDateTime } from '../../lib/wareki';
import { ErrorBanner } from '../../ui/forms';
import {
  KIND_LABEL,
  type PublicationKind,
  usePublicationComparison,
  usePublicationPreview,
  usePublications,
  usePublish,
} from './api';

const HEADINGS = [
  '番号',
  '実施項目',
  '計画・方針等の分類',
  'どの水準まで',
  'どのような方法で',
  'いつまで',
  '共通/課名',
  '達成状況',
] as const;

/**
 * 公表: the 部長 previews what would be published and publishes it; everyone who reads the sheet
 * (the auditor too) lists its publications, opens or downloads each, and compares two versions.
 */
export default function PublicationsPage() {
  const { sheetId = '' } = useParams();
  const me = useMe();
  const publications = usePublications(sheetId);
  const items = publications.data?.items ?? [];
  const department = items[0]?.department;
  const mayPublish = me.role === 'departmentHead';
  return (
    <>
      <div className="page-heading">
        <h1>公表</h1>
        <div className="actions">
          <Link to={`/sheets/${sheetId}`}>整理表に戻る</Link>
        </div>
      </div>
      {mayPublish && <PublishPanel sheetId={sheetId} />}
      <section className="card" aria-labelledby="published-heading">
        <h2 id="published-heading">公表した版{department ? `（${department}）` : ''}</h2>
        {publications.isPending && <p className="loading">読み込み中…</p>}
        <ErrorBanner error={publications.error} onRetry={() => void publications.refetch()} />
        {publications.isSuccess && items.length === 0 && <p>まだ公表していません。</p>}
        {items.length > 0 && (
          <table className="table">
            <caption>公表した版の一覧</caption>
            <thead>
              <tr>
                <th scope="col">種類</th>
                <th scope="col">版</th>
                <th scope="col">公表日時</th>
                <th scope="col">件数</th>
                <th scope="col">ハッシュ（短縮形）</th>
                <th scope="col">公開頁とファイル</th>
              </tr>
            </thead>
            <tbody>
              {items.map((p) => (
                <tr key={p.publicationId}>
                  <th scope="row">{KIND_LABEL[p.kind]}</th>
                  <td>第{p.version}版</td>
                  <td>{formatWarekiDateTime(p.publishedAt)}</td>
                  <td>{p.goalCount}件</td>
                  <td>
                    <code>{p.contentHash.slice(0, 12)}</code>
                    {p.intact ? '' : '（内容がハッシュと一致しません）'}
                  </td>
                  <td>
                    <a href={p.publicPath}>公開頁</a>{' '}
                    <a href={`${p.publicPath}.pdf`} download>
                      PDF
                    </a>{' '}
                    <a href={`${p.publicPath}.csv`} download>
                      CSV
                    </a>{' '}
                    <a href={`${p.publicPath}.zip`} download>
                      ZIP
                    </a>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
      </section>
      {items.length > 1 && <Compare sheetId={sheetId} items={items} />}
    </>
  );
}

function PublishPanel({ sheetId }: { sheetId: string }) {
  const [kind, setKind] = useState<PublicationKind>('setting');
  const [previewing, setPreviewing] = useState(false);
  const [key, setKey] = useState(() => crypto.randomUUID());
  const preview = usePublicationPreview(sheetId, kind, previewing);
  const publish = usePublish(sheetId);
  const data = preview.data;
  const content = data?.content;
  return (
    <section className="card" aria-labelledby="publish-heading">
      <h2 id="publish-heading">公表する</h2>
      <p>承認済みの内容だけが公表されます。公表した版は後から変わりません。もう一度公表すると新しい版になります。</p>
      <form
        className="form"
        onSubmit={(e) => {
          e.preventDefault();
          publish.reset();
          setKey(crypto.randomUUID());
          setPreviewing(true);
          void preview.refetch();
        }}
      >
        <fieldset className="field checkboxes">
          <legend>公表の種類</legend>
          {(Object.keys(KIND_LABEL) as PublicationKind[]).map((k) => (
            <label key={k}>
              <input
                type="radio"
                name="kind"
                value={k}
                checked={kind === k}
                onChange={() => {
                  setKind(k);
                  setPreviewing(false);
                }}
              />
              {KIND_LABEL[k]}
            </label>
          ))}
        </fieldset>
        <button type="submit" className="button button-secondary">
          プレビュー
        </button>
      </form>
      {previewing && preview.isPending && <p className="loading">読み込み中…</p>}
      {previewing && <ErrorBanner error={preview.error} />}
      {previewing && data && content && (
        <div className="preview">
          <h3>
            プレビュー：{fiscalYearLabel(content.fiscalYear)} {content.department} 組織目標展開整理表（
            {KIND_LABEL[kind]} 第{content.version}版）
          </h3>
          <p>
            作成日 {formatWareki(content.createdOn)}
            {'\u3000'}職名 {content.headTitle}
            {'\u3000'}氏名 {content.headName}
          </p>
          {data.notes.length > 0 && (
            <ul className="banner banner-info">
              {data.notes.map((n) => (
                <li key={n}>{n}</li>
              ))}
            </ul>
          )}
          <div className="publication-scroll" role="region" aria-labelledby="preview-caption" tabIndex={0}>
            <table className="table">
              <caption id="preview-caption">公表される内容（{content.goals.length}件）</caption>
              <thead>
                <tr>
                  {HEADINGS.map((h) => (
                    <th key={h} scope="col">
                      {h}
                    </th>
                  ))}
                </tr>
              </thead>
              <tbody>
                {content.goals.map((g) => (
                  <tr key={g.number}>
                    <th scope="row">{g.number}</th>
                    <td>{g.title}</td>
                    <td>{g.category}</td>
                    <td>{g.targetLevel}</td>
                    <td>{g.method}</td>
                    <td>{g.deadlineMonth}月</td>
                    <td>{g.sections.join('、')}</td>
                    <td>{g.achievement ?? ''}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
          <ErrorBanner error={publish.error} />
          {publish.data ? (
            <p className="banner banner-info" role="status">
              {KIND_LABEL[kind]} 第{publish.data.version}版を公表しました。
              <a href={publish.data.publicPath}>公開頁を開く</a>
            </p>
          ) : (
            <button
              type="button"
              className="button"
              disabled={publish.isPending}
              onClick={() => publish.mutate({ kind, key, revision: data.revision })}
            >
              この内容で公表する
            </button>
          )}
        </div>
      )}
    </section>
  );
}

interface Listed {
  publicationId: string;
  kind: string;
  version: number;
}

function Compare({ sheetId, items }: { sheetId: string; items: Listed[] }) {
  const [from, setFrom] = useState(items[0].publicationId);
  const [to, setTo] = useState(items[items.length - 1].publicationId);
  const comparison = usePublicationComparison(sheetId, from, to);
  const label = (p: Listed) => `${KIND_LABEL[p.kind as PublicationKind]} 第${p.version}版`;
  return (
    <section className="card" aria-labelledby="compare-heading">
      <h2 id="compare-heading">版の比較</h2>
      <div className="form">
        <label>
          前の版
          <select value={from} onChange={(e) => setFrom(e.target.value)}>
            {items.map((p) => (
              <option key={p.publicationId} value={p.publicationId}>
                {label(p)}
              </option>
            ))}
          </select>
        </label>{' '}
        <label>
          後の版
          <select value={to} onChange={(e) => setTo(e.target.value)}>
            {items.map((p) => (
              <option key={p.publicationId} value={p.publicationId}>
                {label(p)}
              </option>
            ))}
          </select>
        </label>
      </div>
      <ErrorBanner error={comparison.error} />
      {from === to && <p>違う版を選んでください。</p>}
      {comparison.data && comparison.data.goals.length === 0 && <p>この二つの版の内容は同じです。</p>}
      {comparison.data && comparison.data.goals.length > 0 && (
        <table className="table">
          <caption>変わったところ</caption>
          <thead>
            <tr>
              <th scope="col">番号</th>
              <th scope="col">項目</th>
              <th scope="col">前の版</th>
              <th scope="col">後の版</th>
            </tr>
          </thead>
          <tbody>
            {comparison.data.goals.flatMap((g) =>
              g.fields.map((f, i) => (
                <tr key={`${g.number}-${f.field}`}>
                  {i === 0 && (
                    <th scope="rowgroup" rowSpan={g.fields.length}>
                      {g.number}
                      {g.change === 'added' ? '（追加）' : g.change === 'removed' ? '（削除）' : ''}
                    </th>
                  )}
                  <th scope="row">{f.heading}</th>
                  <td>{f.before}</td>
                  <td>{f.after}</td>
                </tr>
              )),
            )}
          </tbody>
        </table>
      )}
    </section>
  );
}
