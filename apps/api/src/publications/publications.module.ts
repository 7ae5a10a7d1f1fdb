import { Module } from '@nestjs/common';
import { AuditModule } from '../audit/audit.module';
import { ComparePublicationsController } from './compare-publications/compare-publications.http.controller';
import { ListPublicationsController } from './list-publications/list-publications.http.controller';
import { PreviewPublicationController } from './preview-publication/preview-publication.http.controller';
import { PublicPagesController } from './public-pages/public-pages.http.controller';
import { PublicationPdfs } from './public-pages/publication-pdfs.service';
import { PublicationWorkflow } from './publication-workflow.service';
import { PublishSheetController } from './publish-sheet/publish-sheet.http.controller';

/** 公表: publishing a sheet as frozen versions, and the public pages, PDFs and verification. */
@Module({
  imports: [AuditModule],
  controllers: [
    PreviewPublicationController,
    PublishSheetController,
    ListPublicationsController,
    ComparePublicationsController,
    PublicPagesController,
  ],
  providers: [PublicationWorkflow, PublicationPdfs],
})
export class PublicationsModule {}
