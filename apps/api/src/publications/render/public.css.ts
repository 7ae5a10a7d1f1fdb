/**
 * The public pages' one style sheet, served as a file (/public/style.css) so a strict
 * Content-Security-Policy (no inline style, no script) fits them. Colours keep 4.5:1 contrast.
 */
export const PUBLIC_CSS = `
:root { color-scheme: light; }
* { box-sizing: border-box; }
body { margin: 0; font-family: "BIZ UDPGothic", "BIZ UDゴシック", "Hiragino Sans", "Noto Sans JP", "Yu Gothic", sans-serif;
  font-size: 1rem; line-height: 1.7; color: #1a1a1a; background: #ffffff; }
header.site, footer.site { background: #f2f2f2; padding: 0.75rem 1rem; }
footer.site { margin-top: 2rem; font-size: 0.875rem; }
main { max-width: 80rem; margin: 0 auto; padding: 1rem; }
h1 { font-size: 1.5rem; line-height: 1.4; margin: 0.5rem 0 1rem; }
h2 { font-size: 1.25rem; margin: 1.5rem 0 0.5rem; border-bottom: 2px solid #0031d8; }
h3 { font-size: 1.1rem; margin: 1rem 0 0.25rem; }
a { color: #0031d8; text-decoration: underline; }
a:focus-visible, .table-scroll:focus-visible { outline: 3px solid #b78f00; outline-offset: 2px; }
dl.facts { display: grid; grid-template-columns: max-content 1fr; gap: 0.25rem 1rem; margin: 0 0 1rem; }
dl.facts dt { font-weight: bold; }
dl.facts dd { margin: 0; overflow-wrap: anywhere; }
.hash { font-family: ui-monospace, "BIZ UDゴシック", monospace; overflow-wrap: anywhere; }
ul.downloads { padding-left: 1.25rem; }
.table-scroll { overflow-x: auto; border: 1px solid #767676; }
table.sheet { border-collapse: collapse; width: 100%; min-width: 60rem; font-size: 0.9375rem; }
table.sheet caption { text-align: left; font-weight: bold; padding: 0.5rem; }
table.sheet th, table.sheet td { border: 1px solid #767676; padding: 0.4rem 0.5rem; vertical-align: top; text-align: left;
  line-break: strict; overflow-wrap: anywhere; }
table.sheet thead th { background: #e8e8e8; }
table.sheet .num, table.sheet .month { text-align: center; white-space: nowrap; }
/* The short columns keep room for their words; the two long texts share the rest. */
table.sheet thead th:nth-child(1) { width: 3.5em; }
table.sheet thead th:nth-child(2) { width: 14%; }
table.sheet thead th:nth-child(3) { width: 7em; }
table.sheet thead th:nth-child(6) { width: 5em; }
table.sheet thead th:nth-child(7) { width: 9em; }
table.sheet thead th:nth-child(8) { width: 8em; }
.notice { border-left: 4px solid #0031d8; background: #f0f4ff; padding: 0.5rem 1rem; }
.result-ok { border-left: 4px solid #197a4b; background: #effaf4; padding: 0.5rem 1rem; }
.result-ng { border-left: 4px solid #c30000; background: #fff0f0; padding: 0.5rem 1rem; }
form.verify label { display: block; font-weight: bold; }
form.verify input { font-size: 1rem; padding: 0.4rem; width: min(100%, 40rem); border: 1px solid #767676; }
form.verify button { font-size: 1rem; padding: 0.4rem 1rem; margin-top: 0.5rem; background: #0031d8; color: #ffffff; border: 0; }
@media (max-width: 40rem) {
  h1 { font-size: 1.25rem; }
  dl.facts { grid-template-columns: 1fr; }
  dl.facts dd { margin-bottom: 0.5rem; }
}
@media print { header.site, footer.site, ul.downloads { display: none; } .table-scroll { overflow: visible; border: 0; } }
`;
