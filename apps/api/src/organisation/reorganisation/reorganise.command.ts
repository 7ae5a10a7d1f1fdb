/**
 * 機構改革 for an administrator: rename or abolish a department, move, merge, split or abolish a
 * section, each from a day with a reason. Each is one append to the directory stream, decided in
 * full first and checked against the goals it would leave without a section, so a refused request
 * writes nothing.
 */
import { Inject } from '@nestjs/common';
import { Command, CommandBus, CommandHandler, ICommandHandler } from '@nestjs/cqrs';
import {
  fiscalYearOfDate,
  goalsLeftWithoutSection,
  InvalidInput,
  postTitle,
  ReorganisationCommand,
  sectionsEndedBy,
  SectionTarget,
} from '@goals/domain';
import { CommandContext } from '../../shared/command-context';
import { idFor } from '../../shared/event-envelope';
import { ChangeDirectoryCommand } from '../change-directory.command';
import { DecisionCheck, OrganisationDirectory } from '../organisation-directory.service';
import { SectionTargetRequest } from './reorganisation.request.dto';
import { ReorganisedView } from './reorganisation.views';
import { SECTION_GOALS, SectionGoals } from './section-goals.port';

export class ReorganiseCommand extends Command<ReorganisedView> {
  /** `field`: the request field a goal left without a section is reported under. */
  constructor(
    readonly command: ReorganisationCommand,
    readonly field: string,
    readonly ctx: CommandContext,
  ) {
    super();
  }
}

@CommandHandler(ReorganiseCommand)
export class ReorganiseHandler implements ICommandHandler<ReorganiseCommand> {
  constructor(
    private readonly commands: CommandBus,
    private readonly directory: OrganisationDirectory,
    @Inject(SECTION_GOALS) private readonly goals: SectionGoals,
  ) {}

  /**
   * Decides, refuses a change that would leave a goal of that year or later with no section (the
   * goals asked of the port under the names they use today), then appends.
   */
  async execute({ command, field, ctx }: ReorganiseCommand): Promise<ReorganisedView> {
    const check: DecisionCheck = async ({ before, after, events }) => {
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
    const { revision, events } = await this.commands.execute(new ChangeDirectoryCommand([command], ctx, check));
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

/**
 * An existing section by id, or a new one by name: one or the other. A new one's id comes from the
 * Idempotency-Key when there is one, so a retry answers the same establishedSectionIds.
 */
export function sectionTarget(t: SectionTargetRequest, field: string, ctx: CommandContext): SectionTarget {
  if ((t.sectionId === undefined) === (t.name === undefined))
    throw InvalidInput.of(
      field,
      'give either sectionId (an existing section) or name (a new one)',
      '既存の課（sectionId）か新しい課の名称（name）の、どちらか一つを指定してください',
    );
  if (t.sectionId !== undefined) return { sectionId: t.sectionId, departmentId: t.departmentId };
  return { sectionId: idFor(ctx, 'section', field), name: t.name, departmentId: t.departmentId };
}
