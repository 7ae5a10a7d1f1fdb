/**
 * Text as people paste it from Excel, made what they meant: a cell copied from Excel brings its line
 * breaks (inside quotes) and a line break at the end; a tab in a cell is a column edge that slipped in;
 * 半角カタカナ (ｶﾀｶﾅ) from old systems prints badly on the sheet. Nothing else is changed: ASCII,
 * full-width digits and letters, and every other character stay as typed (NFKC is applied to the
 * half-width katakana block only).
 *
 * One-line fields (実施項目, 分類, names): the sheet fixture has no line break in any 実施項目, and the
 * office's own export writes a cell's line breaks as a single space, so a line break there is joined
 * the same way rather than refused. Long fields (達成水準, 方法, reasons, comments) keep their lines.
 */
const HALF_WIDTH_KATAKANA = /[\uff61-\uff9f]+/g;

export function normaliseTypedText(text: string, options: { multiline: boolean }): string {
  const lines = text
    .replace(/\r\n?/g, '\n')
    .replace(/\t/g, ' ')
    .replace(HALF_WIDTH_KATAKANA, (k) => k.normalize('NFKC'))
    // Excel ends a copied cell with a line break: it was never part of what was typed.
    .replace(/\n+$/, '');
  return options.multiline ? lines : lines.replace(/\n/g, ' ');
}
