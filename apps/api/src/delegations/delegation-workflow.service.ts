import { Inject, Injectable } from '@nestjs/common';
import {
  ActingFor,
  Actor,
  authorizeDelegation,
  decideDelegation,
  DELEGATION_EVENTS,
  delegationInForce,
  DelegationCommand,
  DelegationState,
  delegationStreamId,
  foldDelegations,
  DelegationCommandType,
  GoalCommandType,
  NotAllowed,
  tokyoDay,
} from '@goals/domain';
import { CLOCK, Clock } from '@goals/platform';
import { CommandContext } from '../shared/command-context';
import { EventStreams, LoadedStream } from '../shared/event-streams';

type WithoutClock<C> = C extends DelegationCommand ? Omit<C, 'today'> : never;

const DECISIONS: ReadonlySet<GoalCommandType> = new Set(['ApproveGoal', 'ReturnGoal', 'ConfirmAchievement']);

/** Runs 代決 commands on a department's delegation stream, and tells the goal workflow who acts for whom. */
@Injectable()
export class DelegationWorkflow {
  constructor(
    private readonly streams: EventStreams,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  now(): Date {
    return this.clock.now();
  }

  /** The day commands are judged by: 代決 is granted for days in Asia/Tokyo. */
  today(): string {
    return tokyoDay(this.clock.now());
  }

  /**
   * The department whose delegations the actor manages: their own. Someone without one is refused by
   * the rule that fits them (an auditor: read-only), not by a missing field.
   */
  ownDepartment(actor: Actor, command: DelegationCommandType): string {
    if (actor.department) return actor.department;
    authorizeDelegation(actor, command, '(none)');
    throw new NotAllowed('department-head-delegates', `${actor.userId} heads no department`);
  }

  async load(department: string): Promise<{ stream: LoadedStream; state: DelegationState }> {
    const stream = await this.streams.load(delegationStreamId(department));
    return { stream, state: foldDelegations(DELEGATION_EVENTS.read(stream.events)) };
  }

  async execute(
    command: WithoutClock<DelegationCommand>,
    ctx: CommandContext,
  ): Promise<{ revision: bigint | undefined }> {
    const { stream, state } = await this.load(command.data.department);
    const replay = this.streams.replayed(stream, ctx);
    if (replay) return { revision: replay.revision };
    const events = decideDelegation({ ...command, today: this.today() }, state);
    return { revision: (await this.streams.append(stream, events, ctx)).revision };
  }

  /**
   * The delegation under which the actor decides a goal of `department` today, if they are not its
   * head and one is in force. The head's own decisions never go through here.
   */
  async actingFor(
    actor: Actor,
    command: GoalCommandType,
    department: { departmentId: string; name: string },
  ): Promise<ActingFor | undefined> {
    if (!DECISIONS.has(command)) return undefined;
    if (actor.role === 'departmentHead' && actor.post?.departmentId === department.departmentId) return undefined;
    const { state } = await this.load(department.name);
    const delegation = delegationInForce(state, actor.userId, this.today());
    return (
      delegation && {
        department: department.name,
        departmentId: department.departmentId,
        onBehalfOf: delegation.delegatedBy,
        delegationId: delegation.delegationId,
      }
    );
  }
}
