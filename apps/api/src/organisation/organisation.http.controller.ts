/**
 * The organisation over HTTP: every signed-in role reads the departments of a fiscal year; an
 * administrator establishes departments and sections, renames sections, registers people and
 * assigns and ends posts. Each write is one append to the directory stream, decided in full first,
 * so a refused request writes nothing.
 */
import { Body, Controller, Get, HttpCode, Param, ParseUUIDPipe, Post, Query } from '@nestjs/common';
import {
  ApiBadRequestResponse,
  ApiBearerAuth,
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
} from '@goals/domain';
import { CLOCK, Clock } from '@goals/platform';
import { Inject } from '@nestjs/common';
import { CurrentActor } from '../auth/auth.guard';
import { CommandContext, WriteContext } from '../shared/command-context';
import {
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
} from './organisation.dto';
import { OrganisationDirectory } from './organisation-directory.service';

function fiscalYearParam(value: string | undefined, today: string): number {
  if (value === undefined || value === '') return fiscalYearOfDate(today);
  if (!/^\d{4}$/.test(value) || Number(value) < 1989 || Number(value) > 2100)
    throw InvalidInput.of('fiscalYear', 'must be the Gregorian year the fiscal year starts in, e.g. 2022 for 令和4年度');
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
function assertDirectoryAdmin(actor: Actor): void {
  if (actor.role === 'admin' || actor.posts?.some((p) => p.kind === 'admin')) return;
  if (actor.role === 'auditor') throw new NotAllowed('auditor-read-only', 'auditors never write');
  throw new NotAllowed('admins-only', 'only an administrator keeps the directory');
}

@ApiTags('organisation')
@ApiBearerAuth()
@ApiBadRequestResponse({ type: ProblemView, description: 'A field at fault, named with the reason; nothing written' })
@ApiForbiddenResponse({ type: ProblemView, description: 'Not an administrator' })
@Controller('admin')
export class OrganisationAdminController {
  constructor(private readonly directory: OrganisationDirectory) {}

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
      { type: 'EstablishSection', data: { sectionId, departmentId, name: body.name, effectiveFrom: body.effectiveFrom } },
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
    return { revision: await this.write(actor, ctx, [{ type: 'RenameSection', data: { sectionId, name, effectiveFrom } }]) };
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
  @ApiOperation({ summary: 'Admin: assigns a post (部長, 課長, 監査, 管理者, 庶務担当) from a day, until a day or open-ended' })
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
