/**
 * The public pages as server-rendered HTML: no script, one served style sheet, Japanese, semantic
 * (landmarks, headings, a real table with a caption and scoped headers), dates in 和暦.
 */
import {
  fiscalYearLabel,
  formatWareki,
  PUBLICATION_KIND_LABELS,
  PUBLISHED_COLUMNS,
  PublicationKind,
  PublishedSheet,
  cellText,
} from '@goals/domain';
import type { PublicationListing } from '@goals/read-models';
import { publicationTitle, shortHash } from './publication.pdf';

export function esc(text: string | number | null | undefined): string {
  return String(text ?? '').replace(
    /[&<>"']/g,
    (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!,
  );
}

/** An instant as the day it was in Japan, in 和暦. */
export function warekiDayOf(iso: string): string {
  return formatWareki(new Date(Date.parse(iso) + 9 * 3600_000).toISOString().slice(0, 10));
}

export function page(title: string, body: string, options: { root?: string } = {}): string {
  const root = options.root ?? '/public';
  return `<!DOCTYPE html>
<html lang="ja">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${esc(title)}</title>
<link rel="stylesheet" href="${root}/style.css">
</head>
<body>
<header class="site"><a href="${root}/">公表している組織目標の一覧</a>　<a href="${root}/verify">公表物の確認</a></header>
<main>
${body}
</main>
<footer class="site"><p>この頁は記録から作成しています。公表後に目標が変わっても、公表した内容は変わりません。</p></footer>
</body>
</html>
`;
}

export function kindLabel(kind: PublicationKind): string {
  return PUBLICATION_KIND_LABELS[kind];
}

export function publicationPath(p: Pick<PublicationListing, 'fiscalYear' | 'departmentId' | 'kind' | 'version'>) {
  return `/public/${p.fiscalYear}/${encodeURIComponent(p.departmentId)}/${p.kind}/v${p.version}`;
}

/** `/public/`: what is published, by fiscal year (newest first) and department. */
export function indexPage(listings: PublicationListing[]): string {
  if (listings.length === 0)
    return page(
      '公表している組織目標',
      `<h1>公表している組織目標</h1>\n<p>公表している組織目標展開整理表はまだありません。</p>`,
    );
  const years = [...new Set(listings.map((l) => l.fiscalYear))].sort((a, b) => b - a);
  const sections = years.map((year) => {
    const ofYear = listings.filter((l) => l.fiscalYear === year);
    const departments = [...new Set(ofYear.map((l) => l.departmentId))];
    return `<section aria-labelledby="y${year}">
<h2 id="y${year}">${esc(fiscalYearLabel(year))}</h2>
<p><a href="/public/${year}.zip">${esc(fiscalYearLabel(year))}の全公表物をまとめてダウンロード（ZIP）</a></p>
${departments
  .map((departmentId) => {
    const items = ofYear.filter((l) => l.departmentId === departmentId);
    return `<h3>${esc(items[items.length - 1].department)}</h3>
<ul>
${items
  .map(
    (l) =>
      `<li><a href="${publicationPath(l)}">${esc(kindLabel(l.kind))} 第${l.version}版（${esc(warekiDayOf(l.publishedAt))}公表）</a>` +
      `　<a href="${publicationPath(l)}.pdf">PDF（${esc(kindLabel(l.kind))} 第${l.version}版）</a></li>`,
  )
  .join('\n')}
</ul>`;
  })
  .join('\n')}
</section>`;
  });
  return page('公表している組織目標', `<h1>公表している組織目標</h1>\n${sections.join('\n')}`);
}

export interface PageFacts {
  contentHash: string;
  publishedBy: { name?: string; postTitle?: string; userId: string };
  intact: boolean;
}

/** One publication: its facts, its downloads, and the sheet as a table. */
export function publicationPage(p: PublishedSheet, facts: PageFacts): string {
  const title = publicationTitle(p);
  const path = publicationPath(p);
  const short = shortHash(facts.contentHash);
  const rows = p.goals
    .map(
      (g) => `<tr>
<th scope="row" class="num">${g.number}</th>
${PUBLISHED_COLUMNS.slice(1)
  .map((c) => `<td${c.field === 'deadlineMonth' ? ' class="month"' : ''}>${esc(cellText(g, c.field))}</td>`)
  .join('\n')}
</tr>`,
    )
    .join('\n');
  const body = `<h1>${esc(title)}</h1>
<p class="notice">${esc(kindLabel(p.kind))}の公表　第${p.version}版</p>
<dl class="facts">
<dt>作成日</dt><dd>${esc(formatWareki(p.createdOn))}</dd>
<dt>職名</dt><dd>${esc(p.headTitle)}</dd>
<dt>氏名</dt><dd>${esc(p.headName)}</dd>
<dt>公表日</dt><dd>${esc(warekiDayOf(p.publishedAt))}</dd>
<dt>記録の位置</dt><dd>${esc(p.position)}</dd>
<dt>内容のハッシュ（SHA-256）</dt><dd><span class="hash">${esc(facts.contentHash)}</span><br>短縮形 <span class="hash">${esc(short)}</span>　<a href="/public/verify?hash=${esc(short)}">この公表物を確認する</a></dd>
</dl>
<h2>ダウンロード</h2>
<ul class="downloads">
<li><a href="${path}.pdf">PDF（紙の様式、A4横）</a></li>
<li><a href="${path}.csv">CSV（Excel用、UTF-8）</a></li>
<li><a href="${path}.zip">ホームページ掲載用一式（ZIP：HTMLとPDF）</a></li>
</ul>
<h2 id="sheet-heading">組織目標</h2>
<div class="table-scroll" role="region" aria-labelledby="sheet-caption" tabindex="0">
<table class="sheet">
<caption id="sheet-caption">${esc(title)}（${esc(kindLabel(p.kind))} 第${p.version}版、${p.goals.length}件）</caption>
<thead>
<tr>
${PUBLISHED_COLUMNS.map((c) => `<th scope="col">${esc(c.heading)}</th>`).join('\n')}
</tr>
</thead>
<tbody>
${rows}
</tbody>
</table>
</div>`;
  return page(`${title}（${kindLabel(p.kind)} 第${p.version}版）`, body);
}

export interface VerifyOutcome {
  hash: string;
  matches: Array<{ listing: PublicationListing; storeVerified: boolean; intact: boolean }>;
  error?: string;
}

export function verifyPage(outcome: VerifyOutcome | undefined): string {
  const form = `<form class="verify" method="get" action="/public/verify">
<label for="hash">公表物に印字されたハッシュ（短縮形でも可）</label>
<input id="hash" name="hash" type="text" inputmode="latin" autocomplete="off" spellcheck="false" value="${esc(outcome?.hash ?? '')}">
<br><button type="submit">確認する</button>
</form>`;
  let result = '';
  if (outcome?.error) result = `<div class="result-ng" role="status"><p>${esc(outcome.error)}</p></div>`;
  else if (outcome && outcome.matches.length === 0)
    result = `<div class="result-ng" role="status"><p>ハッシュ ${esc(outcome.hash)} に当たる公表物はありません。印字された文字を確かめてください。公表物が書き換えられている可能性があります。</p></div>`;
  else if (outcome)
    result = outcome.matches
      .map(({ listing: l, storeVerified, intact }) => {
        const ok = storeVerified && intact;
        return `<div class="${ok ? 'result-ok' : 'result-ng'}" role="status">
<p>${ok ? 'このハッシュは次の公表物のものです。記録は改ざんされていません。' : 'このハッシュの公表物はありますが、記録の検証に失敗しました。'}</p>
<dl class="facts">
<dt>公表物</dt><dd><a href="${publicationPath(l)}">${esc(fiscalYearLabel(l.fiscalYear))} ${esc(l.department)} ${esc(kindLabel(l.kind))} 第${l.version}版</a></dd>
<dt>公表日</dt><dd>${esc(warekiDayOf(l.publishedAt))}</dd>
<dt>ハッシュ</dt><dd class="hash">${esc(l.contentHash)}</dd>
<dt>記録の位置</dt><dd>${esc(l.position)}</dd>
<dt>内容とハッシュ</dt><dd>${intact ? '一致' : '不一致'}</dd>
<dt>記録（ハッシュチェーン）</dt><dd>${storeVerified ? 'この公表の位置まで検証済み' : '検証に失敗'}</dd>
</dl>
</div>`;
      })
      .join('\n');
  return page(
    '公表物の確認',
    `<h1>公表物の確認</h1>\n<p>PDFや頁に印字されたハッシュを入れると、その公表物が記録どおりかを確かめられます。</p>\n${form}\n${result}`,
  );
}

export function notFoundPage(): string {
  return page(
    '見つかりません',
    `<h1>見つかりません</h1>\n<p>この住所に公表物はありません。<a href="/public/">公表している組織目標の一覧</a>から探してください。</p>`,
  );
}
