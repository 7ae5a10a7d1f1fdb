/**
 * The organisation over HTTP: every signed-in role reads the departments of a fiscal year; an
 * administrator establishes departments and sections, renames sections, registers people and
 * assigns and ends posts. Each write is one append to the directory stream, decided in full first,
 * so a refused request writes nothing.
 */
import { Body, Controller, Get, HttpCode, Param, ParseUUIDPipe, Post, Query, Req, Res } from '@nestjs/common';
import {
  ApiBadRequestResponse,
  ApiBearerAuth,
  ApiBody,
  ApiConsumes,
  ApiProduces,
  ApiCreatedResponse,
  ApiForbiddenResponse,
  ApiOkResponse,
  ApiOperation,
  ApiQuery,
  ApiTags,
} from '@nestjs/swagger';
import { randomUUID } from 'node:crypto';
import {
  Actor,
  departmentsIn,
  fiscalYearOfDate,
  InvalidInput,
  jstDateOf,
  NotAllowed,
  OrganisationCommand,
  postTitle,
  refusePlanningWrite,
} from '@goals/domain';
import { CLOCK, Clock } from '@goals/platform';
import { CsvInvalid, decodeOfficeText, encodeOfficeText, parseCsv, writeCsv } from '@goals/sheet-file';
import { rosterCommands, rosterRows } from './roster';
import { Inject } from '@nestjs/common';
import { CurrentActor } from '../auth/auth.guard';
import { CommandContext, WriteContext } from '../shared/command-context';
import {
  AppointmentView,
  AssignPostRequest,
  ChangedView,
  CreatedView,
  DepartmentsView,
  EndPostRequest,
  EstablishDepartmentRequest,
  EstablishSectionRequest,
  PeopleView,
  ProblemView,
  RegisterPersonRequest,
  RenameSectionRequest,
  RosterImportedView,
} from './organisation.dto';
import { OrganisationDirectory } from './organisation-directory.service';

export function fiscalYearParam(value: string | undefined, today: string): number {
  if (value === undefined || value === '') return fiscalYearOfDate(today);
  if (!/^\d{4}$/.test(value) || Number(value) < 1989 || Number(value) > 2100)
    throw InvalidInput.of(
      'fiscalYear',
      'must be the Gregorian year the fiscal year starts in, e.g. 2022 for 令和4年度',
    );
  return Number(value);
}

@ApiTags('organisation')
@ApiBearerAuth()
@Controller('departments')
export class ListDepartmentsController {
  constructor(
    private readonly directory: OrganisationDirectory,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  @Get()
  @ApiOperation({ summary: 'Every role: the departments and their sections in a fiscal year, named as of that year' })
  @ApiQuery({ name: 'fiscalYear', required: false, description: '2022 for 令和4年度; this fiscal year when left out' })
  @ApiOkResponse({ type: DepartmentsView })
  @ApiBadRequestResponse({ type: ProblemView, description: 'fiscalYear is not a year' })
  async list(@Query('fiscalYear') fiscalYear?: string): Promise<DepartmentsView> {
    const year = fiscalYearParam(fiscalYear, jstDateOf(this.clock.now()));
    return { fiscalYear: year, departments: departmentsIn(await this.directory.current(), year) };
  }
}

/** 管理者 of the directory: by the post held today, not by a role in the token. */
export function assertDirectoryAdmin(actor: Actor): void {
  if (actor.role === 'admin' || actor.posts?.some((p) => p.kind === 'admin')) return;
  if (actor.role === 'auditor') throw new NotAllowed('auditor-read-only', 'auditors never write');
  refusePlanningWrite(actor);
  throw new NotAllowed('admins-only', 'only an administrator keeps the directory');
}

@ApiTags('organisation')
@ApiBearerAuth()
@ApiBadRequestResponse({ type: ProblemView, description: 'A field at fault, named with the reason; nothing written' })
@ApiForbiddenResponse({ type: ProblemView, description: 'Not an administrator' })
@Controller('admin')
export class OrganisationAdminController {
  constructor(
    private readonly directory: OrganisationDirectory,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  @Post('roster')
  @ApiOperation({
    summary: 'Admin: imports the staff roster CSV (職員番号, 氏名, メール, 所属部, 所属課, 職, 発令日); all or nothing',
    description:
      'UTF-8 with or without BOM, or Shift_JIS/CP932 as Japanese Excel saves it. Each row appoints a person to a post ' +
      'from its 発令日 (registering them if new; their earlier posts end the day before). A refusal lists every ' +
      'problem by line and column, in Japanese, and writes nothing.',
  })
  @ApiConsumes('text/csv')
  @ApiBody({ schema: { type: 'string', format: 'binary' } })
  @ApiCreatedResponse({ type: RosterImportedView })
  async importRoster(
    @CurrentActor() actor: Actor,
    @Req() request: { body?: unknown },
    @WriteContext() ctx: CommandContext,
  ): Promise<RosterImportedView> {
    assertDirectoryAdmin(actor);
    if (!Buffer.isBuffer(request.body))
      throw InvalidInput.of('(body)', '名簿のCSVファイルをそのまま送ってください（content-type: text/csv）');
    const { text } = decodeOfficeText(request.body);
    let records;
    try {
      records = parseCsv(text);
    } catch (e) {
      if (e instanceof CsvInvalid)
        throw new InvalidInput(e.problems.map((p) => ({ field: `${p.line}行目`, reason: p.reason })));
      throw e;
    }
    const scratch = await this.directory.scratch();
    const { commands, problems } = rosterCommands(records, scratch);
    if (problems.length) throw new InvalidInput(problems);
    // What the administrator checks against the file: each appointment as the directory now names it.
    const registered = new Set(commands.flatMap((c) => (c.type === 'RegisterPerson' ? [c.data.personId] : [])));
    const appointments = commands.flatMap((c): AppointmentView[] => {
      if (c.type !== 'AssignPost') return [];
      const person = scratch.people.get(c.data.personId)!;
      return [
        {
          personId: person.personId,
          name: person.name,
          loginId: person.loginId,
          employeeNumber: person.employeeNumber,
          registered: registered.has(person.personId),
          post: postTitle(scratch, c.data, c.data.from),
          from: c.data.from,
        },
      ];
    });
    const appointed = appointments.length;
    if (commands.length === 0) return { revision: Number(await this.directory.revisionNow()), appointed, appointments };
    return { revision: await this.write(actor, ctx, commands), appointed, appointments };
  }

  @Get('roster')
  @ApiOperation({ summary: 'Admin: the staff roster as of a day, as CSV in the columns it is imported in' })
  @ApiQuery({ name: 'date', required: false, description: 'YYYY-MM-DD; today (Asia/Tokyo) when left out' })
  @ApiQuery({
    name: 'encoding',
    required: false,
    enum: ['utf-8', 'cp932'],
    description: 'utf-8 (with BOM, default) or cp932',
  })
  @ApiProduces('text/csv')
  @ApiOkResponse({ schema: { type: 'string' } })
  async exportRoster(
    @CurrentActor() actor: Actor,
    @Res() reply: { header(n: string, v: string): unknown; send(body: unknown): unknown },
    @Query('date') date?: string,
    @Query('encoding') encoding?: string,
  ): Promise<void> {
    assertDirectoryAdmin(actor);
    const day = date ?? jstDateOf(this.clock.now());
    if (!/^\d{4}-\d{2}-\d{2}$/.test(day)) throw InvalidInput.of('date', 'must be a date, YYYY-MM-DD');
    if (encoding !== undefined && encoding !== 'utf-8' && encoding !== 'cp932')
      throw InvalidInput.of('encoding', 'must be utf-8 or cp932');
    const csv = writeCsv(rosterRows(await this.directory.current(), day), { bom: false });
    const body = encodeOfficeText(csv, encoding === 'cp932' ? 'cp932' : 'utf-8', { bom: encoding !== 'cp932' });
    reply.header('content-type', `text/csv; charset=${encoding === 'cp932' ? 'shift_jis' : 'utf-8'}`);
    reply.header('content-disposition', `attachment; filename="roster-${day}.csv"`);
    reply.send(body);
  }

  private async write(actor: Actor, ctx: CommandContext, commands: OrganisationCommand[]) {
    assertDirectoryAdmin(actor);
    const { revision } = await this.directory.execute(commands, ctx);
    return Number(revision);
  }

  @Get('people')
  @ApiOperation({ summary: 'Admin: everyone registered, with every post they held, hold or will hold' })
  @ApiOkResponse({ type: PeopleView })
  async people(@CurrentActor() actor: Actor): Promise<PeopleView> {
    assertDirectoryAdmin(actor);
    const state = await this.directory.current();
    const posts = [...state.posts.values()];
    return {
      people: [...state.people.values()].map((p) => ({
        ...p,
        posts: posts
          .filter((post) => post.personId === p.personId)
          .map(({ personId: _, ...post }) => ({ ...post, title: postTitle(state, post as never, post.from) })),
      })),
    };
  }

  @Post('departments')
  @ApiOperation({ summary: 'Admin: establishes a department (and its sections) from a day' })
  @ApiCreatedResponse({ type: CreatedView })
  async establishDepartment(
    @CurrentActor() actor: Actor,
    @Body() body: EstablishDepartmentRequest,
    @WriteContext() ctx: CommandContext,
  ): Promise<CreatedView> {
    const departmentId = randomUUID();
    const { name, headTitle, effectiveFrom } = body;
    const sections = (body.sections ?? []).map((s): OrganisationCommand => ({
      type: 'EstablishSection',
      data: { sectionId: randomUUID(), departmentId, name: s, effectiveFrom },
    }));
    const revision = await this.write(actor, ctx, [
      { type: 'EstablishDepartment', data: { departmentId, name, headTitle, effectiveFrom } },
      ...sections,
    ]);
    return { id: departmentId, revision };
  }

  @Post('departments/:departmentId/sections')
  @ApiOperation({ summary: 'Admin: establishes a section of a department from a day' })
  @ApiCreatedResponse({ type: CreatedView })
  async establishSection(
    @CurrentActor() actor: Actor,
    @Param('departmentId', new ParseUUIDPipe()) departmentId: string,
    @Body() body: EstablishSectionRequest,
    @WriteContext() ctx: CommandContext,
  ): Promise<CreatedView> {
    const sectionId = randomUUID();
    const revision = await this.write(actor, ctx, [
      {
        type: 'EstablishSection',
        data: { sectionId, departmentId, name: body.name, effectiveFrom: body.effectiveFrom },
      },
    ]);
    return { id: sectionId, revision };
  }

  @Post('sections/:sectionId/rename')
  @HttpCode(200)
  @ApiOperation({ summary: 'Admin: renames a section from a day; the old name stays for the years before' })
  @ApiOkResponse({ type: ChangedView })
  async renameSection(
    @CurrentActor() actor: Actor,
    @Param('sectionId', new ParseUUIDPipe()) sectionId: string,
    @Body() body: RenameSectionRequest,
    @WriteContext() ctx: CommandContext,
  ): Promise<ChangedView> {
    const { name, effectiveFrom } = body;
    return {
      revision: await this.write(actor, ctx, [{ type: 'RenameSection', data: { sectionId, name, effectiveFrom } }]),
    };
  }

  @Post('people')
  @ApiOperation({ summary: 'Admin: registers a person (氏名, login id, e-mail, 職員番号)' })
  @ApiCreatedResponse({ type: CreatedView })
  async registerPerson(
    @CurrentActor() actor: Actor,
    @Body() body: RegisterPersonRequest,
    @WriteContext() ctx: CommandContext,
  ): Promise<CreatedView> {
    const personId = randomUUID();
    const { name, loginId, email, employeeNumber } = body;
    const revision = await this.write(actor, ctx, [
      { type: 'RegisterPerson', data: { personId, name, loginId, email, employeeNumber } },
    ]);
    return { id: personId, revision };
  }

  @Post('posts')
  @ApiOperation({
    summary: 'Admin: assigns a post (部長, 課長, 監査, 管理者, 庶務担当) from a day, until a day or open-ended',
  })
  @ApiCreatedResponse({ type: CreatedView })
  async assignPost(
    @CurrentActor() actor: Actor,
    @Body() body: AssignPostRequest,
    @WriteContext() ctx: CommandContext,
  ): Promise<CreatedView> {
    const postId = randomUUID();
    const { personId, kind, departmentId, sectionIds, from, until } = body;
    const revision = await this.write(actor, ctx, [
      { type: 'AssignPost', data: { postId, personId, kind, departmentId, sectionIds, from, until } },
    ]);
    return { id: postId, revision };
  }

  @Post('posts/:postId/end')
  @HttpCode(200)
  @ApiOperation({ summary: 'Admin: ends a post on a day (the last day it is held)' })
  @ApiOkResponse({ type: ChangedView })
  async endPost(
    @CurrentActor() actor: Actor,
    @Param('postId', new ParseUUIDPipe()) postId: string,
    @Body() body: EndPostRequest,
    @WriteContext() ctx: CommandContext,
  ): Promise<ChangedView> {
    return { revision: await this.write(actor, ctx, [{ type: 'EndPost', data: { postId, until: body.until } }]) };
  }
}
