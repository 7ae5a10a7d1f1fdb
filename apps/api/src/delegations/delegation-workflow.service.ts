import { Inject, Injectable } from '@nestjs/common';
import {
  ActingFor,
  Actor,
  DelegatedDecision,
  departmentNameIn,
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
  legacyDelegationStreamId,
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

/** A department by id, whose delegation stream it is, and by its name today, for people to read. */
export interface DepartmentRef {
  departmentId: string;
  name: string;
}

type WithoutClock<C> = C extends DelegationCommand ? Omit<C, 'today'> : never;

const DECISIONS: ReadonlyMap<GoalCommandType, DelegatedDecision> = new Map([
  ['ApproveGoal', 'approve'],
  ['ReturnGoal', 'return'],
  ['ConfirmAchievement', 'confirm'],
]);

/** Runs 代決 commands on a department's delegation stream (by its id), and tells the goal workflow who acts for whom. */
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
   * The department whose delegations the actor manages: their own, by the id their post holds, named
   * as it is today. Someone without one is refused by the rule that fits them (an auditor:
   * read-only), not by a missing field.
   */
  ownDepartment(actor: Actor, command: DelegationCommandType): DepartmentRef {
    const departmentId = actor.post?.departmentId;
    if (actor.role === 'departmentHead' && departmentId)
      return { departmentId, name: actor.department ?? actor.post?.department ?? departmentId };
    authorizeDelegation(actor, command, { departmentId: '(none)' });
    throw new NotAllowed(
      'department-head-delegates',
      `${actor.userId} heads no department`,
      '代決を登録・取消しできるのは、部長ご本人と管理者です',
    );
  }

  /**
   * The department whose delegations an administrator manages in this request: the one named, as it
   * is called this fiscal year (or has been called: a name it had, or takes from 4月1日). Others are
   * refused by the delegation rules (an auditor: read-only) before the field is looked at.
   */
  async departmentFor(actor: Actor, command: DelegationCommandType, named: string | undefined): Promise<DepartmentRef> {
    if (actor.role !== 'admin') return this.ownDepartment(actor, command);
    if (!named?.trim())
      throw InvalidInput.of(
        'department',
        'name the department whose head the 代決 is for',
        'どの部の部長の代決かを選んでください',
      );
    const found = await this.directory.departmentNamed(named.trim(), fiscalYearOfDate(this.today()));
    return { departmentId: found.departmentId, name: found.name };
  }

  /** The login id of the department's 部長 on a day. */
  async headOn(departmentId: string, day: string): Promise<string | undefined> {
    if (!isCivilDate(day)) return undefined;
    const state = await this.directory.current();
    return holdersOn(state, { kind: 'departmentHead', departmentId }, day)[0]?.loginId;
  }

  /**
   * Every department the directory knows, by id, named as this fiscal year (an abolished one by its
   * last name): the delegations an administrator looks after.
   */
  async departments(): Promise<DepartmentRef[]> {
    const state = await this.directory.current();
    const year = fiscalYearOfDate(this.today());
    return [...state.departments.values()].map((d) => ({
      departmentId: d.departmentId,
      name: departmentNameIn(state, d.departmentId, year),
    }));
  }

  /** The departments that have gone by a name at any time: a person may type an old one, or a coming one. */
  async departmentsEverNamed(name: string): Promise<DepartmentRef[]> {
    const all = await this.departments();
    const state = await this.directory.current();
    return all.filter((d) => state.departments.get(d.departmentId)?.names.some((n) => n.name === name));
  }

  /** The department a delegation belongs to, for an administrator who names only the delegation. */
  async departmentOf(delegationId: string): Promise<DepartmentRef> {
    for (const department of await this.departments()) {
      const { state } = await this.load(department.departmentId);
      if (state.delegations.some((d) => d.delegationId === delegationId)) return department;
    }
    throw new NotFound('delegation', delegationId);
  }

  /**
   * A department's delegations: those its stream by id holds, after those releases before ids kept
   * under each name it has had (`delegations-<name>`). Those are only read; `stream` is the id
   * stream, whose revision guards the next write. A name another department had at the time the
   * event was written (a name given up and taken again) is that department's, and left to it.
   */
  async load(departmentId: string): Promise<{ stream: LoadedStream; state: DelegationState }> {
    const stream = await this.streams.load(delegationStreamId(departmentId));
    return { stream, state: await this.stateOf(departmentId, stream) };
  }

  private async stateOf(departmentId: string, stream: LoadedStream): Promise<DelegationState> {
    const state = await this.directory.current();
    const names = [...new Set(state.departments.get(departmentId)?.names.map((n) => n.name) ?? [])];
    const kept = await Promise.all(
      names.map(async (name) => ({ name, events: (await this.streams.load(legacyDelegationStreamId(name))).events })),
    );
    // Who had a name when is worked out only when a stream by name holds anything: a store begun
    // with ids has none, and actingFor runs on every decision.
    const legacy = kept.some((k) => k.events.length) ? await this.directory.legacyNames() : undefined;
    const older = kept.flatMap(({ name, events }) =>
      events.filter((e) => {
        const written = e.metadata?.occurredAt;
        if (typeof written !== 'string' || !legacy) return true;
        return legacy.departmentId(name, fiscalYearOfDate(tokyoDay(new Date(written)))) === departmentId;
      }),
    );
    const events = DELEGATION_EVENTS.read([...older, ...stream.events], { departmentId });
    return foldDelegations(events);
  }

  /** A 代決 command on the department's stream, through the one write path (If-Match, retries, revision). */
  async execute(
    command: WithoutClock<DelegationCommand>,
    ctx: CommandContext,
  ): Promise<{ revision: bigint | undefined }> {
    const { departmentId } = command.data;
    const { revision } = await this.streams.decide(
      delegationStreamId(departmentId),
      {
        fold: (stream) => this.stateOf(departmentId, stream),
        decide: (state) => decideDelegation({ ...command, today: this.today() }, state),
      },
      ctx,
    );
    return { revision };
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
    const { state } = await this.load(department.departmentId);
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
