import { normaliseTypedText } from './typed-text';

describe('text pasted from Excel', () => {
  const long = { multiline: true };
  const oneLine = { multiline: false };
  it.each([
    ['keeps line breaks in a long field', '住民票の交付\n窓口の短縮', long, '住民票の交付\n窓口の短縮'],
    ['makes CRLF and CR line breaks', 'a\r\nb\rc', long, 'a\nb\nc'],
    ['turns a tab into a space', '窓口\t受付', long, '窓口 受付'],
    ['trims the trailing line break Excel adds', 'ワンストップ化\r\n', oneLine, 'ワンストップ化'],
    ['trims several trailing line breaks', '達成水準\n\n', long, '達成水準'],
    [
      'joins the lines of a one-line field with a space',
      '転出・転入手続の\nワンストップ化',
      oneLine,
      '転出・転入手続の ワンストップ化',
    ],
    ['makes half-width katakana full-width', 'ｼｽﾃﾑ改修', oneLine, 'システム改修'],
    ['joins a voiced mark to its kana', 'ﾃﾞｰﾀ', oneLine, 'データ'],
    ['leaves ASCII as it is', 'BPR 2.0 (DX)', oneLine, 'BPR 2.0 (DX)'],
    ['leaves full-width digits and letters as they are', '２０２２年ＤＸ', oneLine, '２０２２年ＤＸ'],
    ['leaves a leading line break and inner blank lines alone', '\n一行目\n\n三行目', long, '\n一行目\n\n三行目'],
  ])('%s', (_what, typed, options, stored) => {
    expect(normaliseTypedText(typed, options)).toBe(stored);
  });
});
