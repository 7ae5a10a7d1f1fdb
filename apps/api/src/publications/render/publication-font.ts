import { existsSync } from 'node:fs';

/**
 * Fonts the city may embed and redistribute in published PDFs, in order of preference: BIZ UDゴシック
 * (SIL Open Font License; Debian fonts-morisawa-bizud-gothic) and IPAexゴシック (IPA Font License;
 * Debian fonts-ipaexfont-gothic). PUBLICATION_FONT names another one.
 */
export const DEFAULT_PUBLICATION_FONTS = [
  '/usr/share/fonts/truetype/bizud-gothic/BIZUDGothic-Regular.ttf',
  '/usr/share/fonts/opentype/ipaexfont-gothic/ipaexg.ttf',
];

export class PublicationFontMissing extends Error {
  constructor(tried: readonly string[]) {
    super(
      `公表用PDFの日本語フォントが見つかりません（${tried.join(', ')}）。` +
        'fonts-morisawa-bizud-gothic を入れるか、PUBLICATION_FONT にフォントファイルを指定してください',
    );
    this.name = 'PublicationFontMissing';
  }
}

/**
 * The font file to embed: the configured one (which must exist: a typo is reported at start-up), or
 * the first default present. Without any, publishing still records the publication; its PDF answers 503.
 */
export function resolvePublicationFont(configured: string | undefined): string | undefined {
  if (configured) {
    if (!existsSync(configured)) throw new PublicationFontMissing([configured]);
    return configured;
  }
  return DEFAULT_PUBLICATION_FONTS.find((f) => existsSync(f));
}
