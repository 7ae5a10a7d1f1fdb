import iconv from 'iconv-lite';
import {
  CsvInvalid,
  decodeOfficeText,
  encodeOfficeText,
  neutraliseFormula,
  parseCsv,
  restoreNeutralised,
  TextNotDecodable,
  unencodableInCp932,
  writeCsv,
} from '@goals/sheet-file';

// Characters where Shift_JIS as JIS defines it and Microsoft's CP932 (what Excel writes) part ways:
// 髙 and ① exist only in CP932's IBM/NEC extensions; CP932 maps 0x8160 to ～ (U+FF5E), JIS to 〜 (U+301C).
const roster =
  '職員番号,氏名,メール,所属部,所属課,職,発令日\r\n1001,髙橋①郎,t@example.jp,総務部,人事課,課長,2024年4月1日～\r\n';

describe('decodeOfficeText', () => {
  it('reads Shift_JIS as Excel on Windows writes it (CP932), with its extensions and its ～', () => {
    const bytes = iconv.encode(roster, 'cp932');
    // The real bytes: 髙 = FB FC (IBM extension), ① = 87 40 (NEC row 13), ～ = 81 60.
    expect(bytes.includes(Buffer.from([0xfb, 0xfc]))).toBe(true);
    expect(bytes.includes(Buffer.from([0x87, 0x40]))).toBe(true);
    expect(bytes.includes(Buffer.from([0x81, 0x60]))).toBe(true);
    expect(decodeOfficeText(bytes)).toEqual({ text: roster, encoding: 'cp932', bom: false });
  });

  it('reads 0x8160 as the full-width tilde U+FF5E, as Windows shows it, not the JIS wave dash', () => {
    expect(decodeOfficeText(Buffer.from([0x31, 0x81, 0x60, 0x32])).text).toBe('1\uFF5E2');
  });

  it('reads UTF-8 with and without a BOM, and drops the BOM', () => {
    expect(decodeOfficeText(Buffer.from(roster, 'utf8'))).toEqual({ text: roster, encoding: 'utf-8', bom: false });
    expect(decodeOfficeText(Buffer.from('\uFEFF' + roster, 'utf8'))).toEqual({
      text: roster,
      encoding: 'utf-8',
      bom: true,
    });
  });

  it("reads Excel's Unicode text (UTF-16LE with a BOM)", () => {
    expect(decodeOfficeText(Buffer.concat([Buffer.from([0xff, 0xfe]), iconv.encode(roster, 'utf-16le')]))).toEqual({
      text: roster,
      encoding: 'utf-16le',
      bom: true,
    });
  });

  it('takes plain ASCII as UTF-8', () => {
    expect(decodeOfficeText(Buffer.from('a,b\r\n'))).toEqual({ text: 'a,b\r\n', encoding: 'utf-8', bom: false });
  });

  it('refuses bytes that are neither, naming the byte and what to do', () => {
    // 0xFD is a byte CP932 never uses, and it is not UTF-8 either.
    const bytes = Buffer.concat([iconv.encode('総務部,', 'cp932'), Buffer.from([0xfd, 0x41])]);
    let error: unknown;
    try {
      decodeOfficeText(bytes, 'file');
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(TextNotDecodable);
    expect((error as TextNotDecodable).errors).toEqual([
      { field: 'file', reason: expect.stringMatching(/^8バイト目.*保存し直してください$/) },
    ]);
  });

  it('refuses a UTF-8 BOM followed by bytes that are not UTF-8', () => {
    expect(() =>
      decodeOfficeText(Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf, 0x41]), iconv.encode('髙', 'cp932')])),
    ).toThrow(/5バイト目/);
  });

  it('encodes for the office and back', () => {
    expect(decodeOfficeText(encodeOfficeText(roster, 'cp932')).text).toBe(roster);
    expect(encodeOfficeText('a', 'utf-8', { bom: true })).toEqual(Buffer.from([0xef, 0xbb, 0xbf, 0x61]));
    expect(unencodableInCp932('髙橋①～😀𠮷?')).toEqual(['😀', '𠮷']);
  });
});

describe('parseCsv (RFC 4180)', () => {
  it('reads quoted fields with commas, doubled quotes and line breaks, numbering records by their first line', () => {
    const text = 'a,"b,c","say ""hi"""\r\n"two\r\nlines",x\r\n\r\nlast,"multi\nline\nLF"\nend';
    expect(parseCsv(text)).toEqual([
      { line: 1, cells: ['a', 'b,c', 'say "hi"'] },
      { line: 2, cells: ['two\r\nlines', 'x'] },
      { line: 4, cells: [''] },
      { line: 5, cells: ['last', 'multi\nline\nLF'] },
      { line: 8, cells: ['end'] },
    ]);
  });

  it('does not make a record of the final newline, but keeps empty last cells and an empty quoted record', () => {
    expect(parseCsv('a,b\n')).toEqual([{ line: 1, cells: ['a', 'b'] }]);
    expect(parseCsv('a,\n""')).toEqual([
      { line: 1, cells: ['a', ''] },
      { line: 2, cells: [''] },
    ]);
    expect(parseCsv('')).toEqual([]);
  });

  it('drops a BOM left in the text and reads tab-separated text with the same quoting', () => {
    expect(parseCsv('\uFEFF番号,実施項目')).toEqual([{ line: 1, cells: ['番号', '実施項目'] }]);
    expect(parseCsv('a\t"b\tc"\t1,2', { delimiter: '\t' })).toEqual([{ line: 1, cells: ['a', 'b\tc', '1,2'] }]);
  });

  it('refuses an unclosed quote and text after a closing quote, each with its line', () => {
    let error: unknown;
    try {
      parseCsv('ok\n"bad"x,1\nfine\n"open\nnever closed');
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(CsvInvalid);
    expect((error as CsvInvalid).problems).toEqual([
      { line: 2, reason: expect.stringContaining('"" と二つ重ねて') },
      { line: 4, reason: expect.stringContaining('閉じられていません') },
    ]);
  });

  it('reads back what writeCsv writes, whatever the cells hold', () => {
    const rows = [
      ['番号', 'a,b', 'q"q', 'line\r\nbreak', ''],
      ['=1+1', "'=x", '-', "'", 'ok'],
    ];
    const written = writeCsv(rows);
    expect(written.startsWith('\uFEFF')).toBe(true);
    expect(written.endsWith('\r\n')).toBe(true);
    expect(parseCsv(written, { restoreNeutralised: true }).map((r) => r.cells)).toEqual(rows);
  });
});

describe('formula neutralisation (OWASP CSV injection)', () => {
  it('puts a quote before cells Excel would run', () => {
    for (const cell of ['=HYPERLINK("http://evil","x")', '+1', '-1', '@SUM(A1)', '\tx', '\rx'])
      expect(neutraliseFormula(cell)).toBe(`'${cell}`);
    expect(writeCsv([['=HYPERLINK("http://evil","x")']], { bom: false })).toBe(
      '"\'=HYPERLINK(""http://evil"",""x"")"\r\n',
    );
  });

  it('leaves other text alone: a full-width minus, a dash inside the text, a leading quote before ordinary text', () => {
    for (const cell of ['−5%削減', '－5%', '前年比-5%', "'abc", '', '市民課', '-----'])
      expect(neutraliseFormula(cell)).toBe(cell);
  });

  it('is undone exactly, so every text round-trips', () => {
    for (const cell of ['=x', "'=x", "''+x", '-', '---', "'---", "'", "'abc", 'abc', '\t'])
      expect(restoreNeutralised(neutraliseFormula(cell))).toBe(cell);
  });

  it('can be turned off for files that are not meant for a spreadsheet', () => {
    expect(writeCsv([['-1']], { bom: false, neutraliseFormulas: false, newline: '\n' })).toBe('-1\n');
  });
});
