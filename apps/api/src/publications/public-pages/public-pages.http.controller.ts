import { Controller, Get, Headers, Inject, OnModuleInit, Param, Query, Res } from '@nestjs/common';
import { HttpAdapterHost } from '@nestjs/core';
import { ApiExcludeController } from '@nestjs/swagger';
import { fiscalYearLabel, isPublicationKind, matchesHash } from '@goals/domain';
import { APP_CONFIG, AppConfig } from '@goals/infrastructure';
import type { PublicationListing } from '@goals/read-models';
import { Public } from '../../auth/auth.guard';
import { StoreVerifier } from '../../audit/verify-store/store-verifier';
import { PublicationWorkflow, StoredPublication } from '../publication-workflow.service';
import { PUBLIC_CSS } from '../render/public.css';
import { indexPage, notFoundPage, publicationPage, verifyPage, VerifyOutcome } from '../render/public.html';
import { PublicationPdfs } from './publication-pdfs.service';
import { publicationCsv, publicationFileName, publicationZip, yearZip } from './publication-files';

type Reply = {
  status(code: number): Reply;
  header(name: string, value: string): Reply;
  send(body: unknown): unknown;
};

const HTML = 'text/html; charset=utf-8';
/** The published pages are the same for everyone and never change: caches may keep them a while. */
const CACHE = 'public, max-age=300';

/**
 * 公表: what citizens read without signing in. Only publications are reachable here; an address
 * of anything else (an unpublished version, another kind, a sheet never published) is 404.
 */
@ApiExcludeController()
@Public()
@Controller('public')
export class PublicPagesController implements OnModuleInit {
  constructor(
    private readonly publications: PublicationWorkflow,
    private readonly pdfs: PublicationPdfs,
    private readonly verifier: StoreVerifier,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly adapterHost: HttpAdapterHost,
  ) {}

  /** The index's address is `/public/`, with its slash; Nest's routes drop it, so it is added to Fastify here. */
  onModuleInit() {
    type Routes = { get(path: string, handler: (request: unknown, reply: Reply) => Promise<void>): void };
    const fastify = this.adapterHost.httpAdapter?.getInstance<Routes>();
    fastify?.get('/public/', (_request, reply) => this.index(reply));
  }

  @Get()
  async index(@Res() reply: Reply) {
    const html = indexPage(await this.publications.listings());
    reply.header('content-type', HTML).header('cache-control', 'no-cache').send(html);
  }

  @Get('style.css')
  style(@Res() reply: Reply) {
    reply.header('content-type', 'text/css; charset=utf-8').header('cache-control', CACHE).send(PUBLIC_CSS);
  }

  @Get('verify')
  async verify(@Query('hash') hash: unknown, @Headers('accept') accept: string | undefined, @Res() reply: Reply) {
    const outcome = hash === undefined ? undefined : await this.verifyHash(hash);
    if (accept?.includes('application/json')) {
      if (!outcome) return this.problem(reply, 'hash', '確認するハッシュを hash に指定してください');
      if (outcome.error) return this.problem(reply, 'hash', outcome.error);
      reply.header('content-type', 'application/json; charset=utf-8').send({
        hash: outcome.hash,
        found: outcome.matches.length > 0,
        publications: outcome.matches.map(({ listing: l, storeVerified, intact }) => ({
          publicationId: l.publicationId,
          sheetId: l.sheetId,
          department: l.department,
          departmentId: l.departmentId,
          fiscalYear: l.fiscalYear,
          kind: l.kind,
          version: l.version,
          position: l.position,
          publishedAt: l.publishedAt,
          contentHash: l.contentHash,
          contentMatchesHash: intact,
          storeVerifiedUpToPublication: storeVerified,
          publicPath: `/public/${l.fiscalYear}/${l.departmentId}/${l.kind}/v${l.version}`,
        })),
      });
      return;
    }
    reply
      .status(outcome?.error ? 400 : 200)
      .header('content-type', HTML)
      .header('cache-control', 'no-store')
      .send(verifyPage(outcome));
  }

  /** `/public/2022.zip`: the whole year for the website team. */
  @Get(':yearFile')
  async year(@Param('yearFile') yearFile: string, @Res() reply: Reply) {
    const m = /^(\d{4})\.zip$/.exec(yearFile);
    const listings = m ? (await this.publications.listings()).filter((l) => l.fiscalYear === Number(m[1])) : [];
    if (!m || listings.length === 0) return this.notFound(reply);
    const files = await Promise.all(listings.map((l) => this.filesOf(l)));
    const zip = await yearZip(
      Number(m[1]),
      listings,
      files.filter((f) => f !== undefined),
      this.serviceUrl(),
    );
    this.download(reply, 'application/zip', `${m[1]}.zip`, `${fiscalYearLabel(Number(m[1]))}_組織目標.zip`, zip);
  }

  @Get(':fiscalYear/:departmentId/:kind/:file')
  async publication(
    @Param('fiscalYear') fiscalYear: string,
    @Param('departmentId') departmentId: string,
    @Param('kind') kind: string,
    @Param('file') file: string,
    @Res() reply: Reply,
  ) {
    const m = /^v(\d{1,6})(?:\.(pdf|csv|zip))?$/.exec(file);
    if (!m || !/^\d{4}$/.test(fiscalYear) || !isPublicationKind(kind)) return this.notFound(reply);
    const listing = (await this.publications.listings()).find(
      (l) =>
        l.fiscalYear === Number(fiscalYear) &&
        l.departmentId === departmentId &&
        l.kind === kind &&
        l.version === Number(m[1]),
    );
    const stored = listing && (await this.publications.read(listing));
    if (!listing || !stored) return this.notFound(reply);
    const name = publicationFileName(stored.content);
    switch (m[2]) {
      case undefined:
        reply
          .header('content-type', HTML)
          .header('cache-control', CACHE)
          .send(publicationPage(stored.content, facts(stored)));
        return;
      case 'pdf':
        return this.download(reply, 'application/pdf', `${file}`, `${name}.pdf`, await this.pdfs.of(stored));
      case 'csv':
        return this.download(reply, 'text/csv; charset=utf-8', file, `${name}.csv`, publicationCsv(stored.content));
      case 'zip':
        return this.download(
          reply,
          'application/zip',
          file,
          `${name}.zip`,
          await publicationZip(
            { content: stored.content, facts: facts(stored), pdf: await this.pdfs.of(stored) },
            this.serviceUrl(),
          ),
        );
    }
  }

  private async filesOf(listing: PublicationListing) {
    const stored = await this.publications.read(listing);
    if (!stored) return undefined;
    return { content: stored.content, facts: facts(stored), pdf: await this.pdfs.of(stored) };
  }

  /**
   * The store's hash chain through the auditors' verifier (incremental: it walks only what came
   * since its last checkpoint); a publication verifies when no break lies at or before its event.
   */
  private async firstBreak(): Promise<bigint | null> {
    const verification = await this.verifier.verify();
    return verification.firstBreak ? BigInt(verification.firstBreak.position) : null;
  }

  private async verifyHash(hash: unknown): Promise<VerifyOutcome> {
    const printed = typeof hash === 'string' ? hash.trim() : '';
    if (!/^[0-9a-fA-F]{8,64}$/.test(printed))
      return {
        hash: printed.slice(0, 80),
        matches: [],
        error: 'ハッシュは英数字（0〜9、a〜f）8文字以上64文字以内で入れてください',
      };
    const listings = (await this.publications.listings()).filter((l) => matchesHash(l.contentHash, printed));
    if (listings.length === 0) return { hash: printed, matches: [] };
    const firstBreak = await this.firstBreak();
    const matches = await Promise.all(
      listings.map(async (listing) => {
        const stored = await this.publications.read(listing);
        return {
          listing,
          intact: stored?.intact === true && stored.contentHash === listing.contentHash,
          storeVerified: firstBreak === null || firstBreak > BigInt(listing.eventPosition),
        };
      }),
    );
    return { hash: printed, matches };
  }

  private serviceUrl(): string {
    return this.config.auth.publicUrl ?? '';
  }

  private notFound(reply: Reply) {
    reply.status(404).header('content-type', HTML).send(notFoundPage());
  }

  private problem(reply: Reply, field: string, reason: string) {
    reply
      .status(400)
      .header('content-type', 'application/problem+json; charset=utf-8')
      .send({
        type: 'about:blank',
        title: '入力に誤りがあります',
        status: 400,
        detail: reason,
        errors: [{ field, reason }],
      });
  }

  private download(reply: Reply, type: string, asciiName: string, name: string, body: Buffer | string, inline = false) {
    reply
      .header('content-type', type)
      .header('cache-control', CACHE)
      .header(
        'content-disposition',
        `${inline ? 'inline' : 'attachment'}; filename="${asciiName.replace(/[^\x20-\x7e]|"/g, '_')}"; filename*=UTF-8''${encodeURIComponent(name)}`,
      )
      .send(body);
  }
}

function facts(stored: StoredPublication) {
  return { contentHash: stored.contentHash, publishedBy: stored.publishedBy, intact: stored.intact };
}
