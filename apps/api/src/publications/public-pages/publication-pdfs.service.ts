import { Inject, Injectable, ServiceUnavailableException } from '@nestjs/common';
import { APP_CONFIG, AppConfig } from '@goals/infrastructure';
import { StoredPublication } from '../publication-workflow.service';
import { publicationPdf } from '../render/publication.pdf';
import { PublicationFontMissing, resolvePublicationFont, DEFAULT_PUBLICATION_FONTS } from '../render/publication-font';

/** PDFs kept in memory: a publication never changes, and a page of the index is opened by many. */
const KEEP = 32;

/**
 * The PDF of each publication, made in the service from the published content alone. A configured
 * font that is missing stops the start (a typo is found at once); no font at all is told at download.
 */
@Injectable()
export class PublicationPdfs {
  private readonly fontFile: string | undefined;
  private readonly made = new Map<string, Promise<Buffer>>();

  constructor(@Inject(APP_CONFIG) private readonly config: AppConfig) {
    this.fontFile = resolvePublicationFont(config.publicationFont);
  }

  of(stored: StoredPublication): Promise<Buffer> {
    const fontFile = this.fontFile;
    if (!fontFile) throw new ServiceUnavailableException(new PublicationFontMissing(DEFAULT_PUBLICATION_FONTS).message);
    const id = stored.content.publicationId;
    let pdf = this.made.get(id);
    if (!pdf) {
      pdf = publicationPdf(stored.content, {
        fontFile,
        contentHash: stored.contentHash,
        verifyUrl: `${this.config.auth.publicUrl ?? ''}/public/verify`,
      });
      pdf.catch(() => this.made.delete(id));
      this.made.set(id, pdf);
      if (this.made.size > KEEP) this.made.delete(this.made.keys().next().value!);
    }
    return pdf;
  }
}
