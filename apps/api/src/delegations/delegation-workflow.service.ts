import { Inject, Injectable } from '@nestjs/common';
import {
  ActingFor,
  Actor,
  DelegatedDecision,
  departmentsIn,
  fiscalYearOfDate,
  holdersOn,
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
  InvalidInput,
  isCivilDate,
  NotAllowed,
  NotFound,
  tokyoDay,
} from '@goals/domain';
import { CLOCK, Clock } from '@goals/platform';
import { OrganisationDirectory } from '../organisation/organisation-directory.service';
import { CommandContext } from '../shared/command-context';
import { EventStreams, LoadedStream } from '../shared/event-streams';

type WithoutClock<C> = C extends DelegationCommand ? Omit<C, 'today'> : never;

const DECISIONS: ReadonlyMap<GoalCommandType, DelegatedDecision> = new Map([
  ['ApproveGoal', 'approve'],
  ['ReturnGoal', 'return'],
  ['ConfirmAchievement', 'confirm'],
]);

/** Runs 代決 commands on a department's delegation stream, and tells the goal workflow who acts for whom. */
@Injectable()
export class DelegationWorkflow {
  constructor(
    private readonly streams: EventStreams,
    @Inject(CLOCK) private readonly clock: Clock,
    private readonly directory: OrganisationDirectory,
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

  /**
   * The department whose delegations an administrator manages in this request: the one named. Others
   * are refused by the delegation rules (an auditor: read-only) before the field is looked at.
   */
  departmentFor(actor: Actor, command: DelegationCommandType, named: string | undefined): string {
    if (actor.role !== 'admin') return this.ownDepartment(actor, command);
    if (!named?.trim()) throw InvalidInput.of('department', 'name the department whose head the 代決 is for');
    return named.trim();
  }

  /** The login id of the department's 部長 on a day, by the department's name that fiscal year. */
  async headOn(department: string, day: string): Promise<string | undefined> {
    if (!isCivilDate(day)) return undefined;
    const state = await this.directory.current();
    const found = departmentsIn(state, fiscalYearOfDate(day)).find((d) => d.name === department);
    if (!found) throw InvalidInput.of('department', `${department} is not a department on ${day}`);
    return holdersOn(state, { kind: 'departmentHead', departmentId: found.departmentId }, day)[0]?.loginId;
  }

  /** Every department's name this fiscal year and next: the delegations an administrator looks after. */
  async departmentNames(): Promise<string[]> {
    const state = await this.directory.current();
    const year = fiscalYearOfDate(this.today());
    return [...new Set([year, year + 1].flatMap((y) => departmentsIn(state, y).map((d) => d.name)))];
  }

  /** The department a delegation belongs to, for an administrator who names only the delegation. */
  async departmentOf(delegationId: string): Promise<string> {
    for (const department of await this.departmentNames()) {
      const { state } = await this.load(department);
      if (state.delegations.some((d) => d.delegationId === delegationId)) return department;
    }
    throw new NotFound('delegation', delegationId);
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
    const decision = DECISIONS.get(command);
    if (!decision) return undefined;
    if (actor.role === 'departmentHead' && actor.post?.departmentId === department.departmentId) return undefined;
    const { state } = await this.load(department.name);
    const delegation = delegationInForce(state, actor.userId, this.today(), decision);
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
