/**
 * 機構改革 over HTTP, for an administrator: rename or abolish a department, move, merge, split or
 * abolish a section, each from a day with a reason. Each is one append to the directory stream,
 * decided in full first and checked against the goals it would leave without a section, so a
 * refused request writes nothing.
 */
import { Body, Controller, HttpCode, Inject, Param, Post } from '@nestjs/common';
import {
  ApiBadRequestResponse,
  ApiBearerAuth,
  ApiCreatedResponse,
  ApiForbiddenResponse,
  ApiOkResponse,
  ApiOperation,
  ApiTags,
} from '@nestjs/swagger';
import { randomUUID } from 'node:crypto';
import {
  Actor,
  fiscalYearOfDate,
  goalsLeftWithoutSection,
  InvalidInput,
  OrganisationEvent,
  OrganisationState,
  postTitle,
  ReorganisationCommand,
  SectionTarget,
  sectionsEndedBy,
} from '@goals/domain';
import { CurrentActor } from '../../auth/auth.guard';
import { CommandContext, WriteContext } from '../../shared/command-context';
import { idParam } from '../../shared/goal-id.pipe';
import { ProblemView } from '../organisation.dto';
import { assertDirectoryAdmin } from '../organisation.http.controller';
import { OrganisationDirectory } from '../organisation-directory.service';
import {
  AbolishDepartmentRequest,
  AbolishSectionRequest,
  MergeSectionsRequest,
  MoveSectionRequest,
  RenameDepartmentRequest,
  SectionTargetRequest,
  SplitSectionRequest,
} from './reorganisation.request.dto';
import { ReorganisedView } from './reorganisation.views';
import { SECTION_GOALS, SectionGoals } from './section-goals.port';

@ApiTags('organisation')
@ApiBearerAuth()
@ApiBadRequestResponse({
  type: ProblemView,
  description:
    'A field at fault, named with the reason (in Japanese): unknown ids, a day outside the life of what changes, ' +
    'a name taken that day, a post that would outlive its 課 or 部, a goal that would be left with no section; ' +
    'nothing written',
})
@ApiForbiddenResponse({ type: ProblemView, description: 'Not an administrator' })
@Controller('admin')
export class ReorganisationController {
  constructor(
    private readonly directory: OrganisationDirectory,
    @Inject(SECTION_GOALS) private readonly goals: SectionGoals,
  ) {}

  @Post('departments/:departmentId/rename')
  @HttpCode(200)
  @ApiOperation({
    summary:
      'Admin: renames a department, and the 職名 of its head, from a day; the old name stays for the years before',
  })
  @ApiOkResponse({ type: ReorganisedView })
  async renameDepartment(
    @CurrentActor() actor: Actor,
    @Param('departmentId', idParam('departmentId')) departmentId: string,
    @Body() body: RenameDepartmentRequest,
    @WriteContext() ctx: CommandContext,
  ): Promise<ReorganisedView> {
    const { name, headTitle, effectiveFrom, reason } = body;
    return this.reorganise(actor, ctx, 'departmentId', {
      type: 'RenameDepartment',
      data: { departmentId, name, headTitle, effectiveFrom, reason },
    });
  }

  @Post('departments/:departmentId/abolish')
  @HttpCode(200)
  @ApiOperation({
    summary: 'Admin: abolishes a department from a day; its sections must be moved or abolished first, or moved by it',
  })
  @ApiOkResponse({ type: ReorganisedView })
  async abolishDepartment(
    @CurrentActor() actor: Actor,
    @Param('departmentId', idParam('departmentId')) departmentId: string,
    @Body() body: AbolishDepartmentRequest,
    @WriteContext() ctx: CommandContext,
  ): Promise<ReorganisedView> {
    const { effectiveFrom, reason, sectionsMoveTo, endPosts } = body;
    return this.reorganise(actor, ctx, 'departmentId', {
      type: 'AbolishDepartment',
      data: { departmentId, effectiveFrom, reason, sectionsMoveTo, endPosts },
    });
  }

  @Post('sections/:sectionId/move')
  @HttpCode(200)
  @ApiOperation({ summary: 'Admin: moves a section, its goals and its 課長 to another department from a day' })
  @ApiOkResponse({ type: ReorganisedView })
  async moveSection(
    @CurrentActor() actor: Actor,
    @Param('sectionId', idParam('sectionId')) sectionId: string,
    @Body() body: MoveSectionRequest,
    @WriteContext() ctx: CommandContext,
  ): Promise<ReorganisedView> {
    const { departmentId, effectiveFrom, reason } = body;
    return this.reorganise(actor, ctx, 'sectionId', {
      type: 'MoveSection',
      data: { sectionId, departmentId, effectiveFrom, reason },
    });
  }

  @Post('sections/merge')
  @ApiOperation({
    summary: 'Admin: merges sections into one (new or existing) from a day; their work and goals go to it',
  })
  @ApiCreatedResponse({ type: ReorganisedView })
  async mergeSections(
    @CurrentActor() actor: Actor,
    @Body() body: MergeSectionsRequest,
    @WriteContext() ctx: CommandContext,
  ): Promise<ReorganisedView> {
    const { sectionIds, effectiveFrom, reason, endPosts } = body;
    return this.reorganise(actor, ctx, 'sectionIds', {
      type: 'MergeSections',
      data: { sectionIds, into: target(body.into, 'into'), effectiveFrom, reason, endPosts },
    });
  }

  @Post('sections/:sectionId/split')
  @ApiOperation({
    summary: 'Admin: splits a section into two or more (new or existing) from a day; its goals go to each of them',
  })
  @ApiCreatedResponse({ type: ReorganisedView })
  async splitSection(
    @CurrentActor() actor: Actor,
    @Param('sectionId', idParam('sectionId')) sectionId: string,
    @Body() body: SplitSectionRequest,
    @WriteContext() ctx: CommandContext,
  ): Promise<ReorganisedView> {
    const { effectiveFrom, reason, endPosts } = body;
    const into = body.into.map((t, i) => target(t, `into.${i}`));
    return this.reorganise(actor, ctx, 'sectionId', {
      type: 'SplitSection',
      data: { sectionId, into, effectiveFrom, reason, endPosts },
    });
  }

  @Post('sections/:sectionId/abolish')
  @HttpCode(200)
  @ApiOperation({
    summary: 'Admin: abolishes a section from a day, with no successor (refused while a goal of that year needs one)',
  })
  @ApiOkResponse({ type: ReorganisedView })
  async abolishSection(
    @CurrentActor() actor: Actor,
    @Param('sectionId', idParam('sectionId')) sectionId: string,
    @Body() body: AbolishSectionRequest,
    @WriteContext() ctx: CommandContext,
  ): Promise<ReorganisedView> {
    const { effectiveFrom, reason, endPosts } = body;
    return this.reorganise(actor, ctx, 'sectionId', {
      type: 'AbolishSection',
      data: { sectionId, effectiveFrom, reason, endPosts },
    });
  }

  /**
   * Decides, refuses a change that would leave a goal of that year or later with no section (the
   * goals asked of the port under the names they use today), then appends.
   */
  private async reorganise(
    actor: Actor,
    ctx: CommandContext,
    field: string,
    command: ReorganisationCommand,
  ): Promise<ReorganisedView> {
    assertDirectoryAdmin(actor);
    const check = async ({
      before,
      after,
      events,
    }: {
      before: OrganisationState;
      after: OrganisationState;
      events: OrganisationEvent[];
    }) => {
      const ended = sectionsEndedBy(events);
      if (ended.length === 0) return;
      const { effectiveFrom } = ended[0];
      const goals = await this.goals.goalsNaming(
        ended.map((e) => e.sectionId),
        fiscalYearOfDate(effectiveFrom),
        before,
      );
      const problems = goalsLeftWithoutSection(after, goals, effectiveFrom, field);
      if (problems.length > 0) throw new InvalidInput(problems);
    };
    const { revision, events } = await this.directory.execute([command], ctx, check);
    const state = await this.directory.current();
    const endedPosts = events.flatMap((e) => {
      if (e.type !== 'PostEnded') return [];
      const post = state.posts.get(e.data.postId);
      if (!post) return [];
      return [
        {
          postId: post.postId,
          personId: post.personId,
          name: state.people.get(post.personId)?.name ?? post.personId,
          title: postTitle(state, post, e.data.until),
          until: e.data.until,
        },
      ];
    });
    const established = events.flatMap((e) => (e.type === 'SectionEstablished' ? [e.data.sectionId] : []));
    return {
      revision: Number(revision),
      ...(established.length > 0 ? { establishedSectionIds: established } : {}),
      endedPosts,
    };
  }
}

/** An existing section by id, or a new one by name (its id made here): one or the other. */
function target(t: SectionTargetRequest, field: string): SectionTarget {
  if ((t.sectionId === undefined) === (t.name === undefined))
    throw InvalidInput.of(field, 'give either sectionId (an existing section) or name (a new one)');
  if (t.sectionId !== undefined) return { sectionId: t.sectionId, departmentId: t.departmentId };
  return { sectionId: randomUUID(), name: t.name, departmentId: t.departmentId };
}
