/**
 * 代決 and 後閲 as a decider over one department's delegation stream. The clock and the directory
 * stay outside: the command carries the day it is given (Asia/Tokyo) and the delegate as the
 * directory knows them on the first day of the delegation.
 */
import { Actor } from '../directory';
import { IllegalTransition, InvalidInput, NotFound } from '../errors';
import { CivilDate, formatWareki, isCivilDate } from '../fiscal-year';
import { authorizeDelegation } from '../permissions';
import { DELEGATED_DECISIONS, DelegatedDecision, DelegationEvent } from './delegation.events';

interface Command<T extends string, D> {
  type: T;
  data: D;
  by: Actor;
  /** The day the command is given, Asia/Tokyo. */
  today: CivilDate;
}

export type GrantDelegation = Command<
  'GrantDelegation',
  {
    delegationId: string;
    /** The department's id, whose stream it is, and its name today, for people to read. */
    departmentId: string;
    department: string;
    delegate: string;
    /** The delegate as the directory knows them on `from`; undefined when it does not know them. */
    delegateActor: Actor | undefined;
    /**
     * Login id of the head on whose behalf: the giver when a head gives it; when an administrator
     * enters it, the department's head on `from` (undefined when it has none).
     */
    delegatedBy?: string;
    from: string;
    until: string;
    reason?: string;
    /** Which decisions; all of them when left out. */
    decisions?: readonly string[];
  }
>;
export type RevokeDelegation = Command<
  'RevokeDelegation',
  { delegationId: string; departmentId: string; department: string }
>;
export type AcknowledgeDelegatedDecision = Command<
  'AcknowledgeDelegatedDecision',
  {
    reviewId: string;
    goalId: string;
    departmentId: string;
    department: string;
    /** The goal event named by reviewId, as stored: whether it was decided on someone's behalf. */
    decision: { onBehalfOf?: string } | undefined;
  }
>;
export type DelegationCommand = GrantDelegation | RevokeDelegation | AcknowledgeDelegatedDecision;

export interface Delegation {
  delegationId: string;
  /** The name it was granted under. */
  department: string;
  /** Absent only when read from a stream kept by name without saying whose (see DelegationReadContext). */
  departmentId?: string;
  delegatedBy: string;
  delegate: string;
  from: CivilDate;
  until: CivilDate;
  revokedOn?: CivilDate;
  reason?: string;
  decisions?: DelegatedDecision[];
}

export interface DelegationState {
  delegations: Delegation[];
  /** reviewIds the head has acknowledged. */
  acknowledged: string[];
}

export function initialDelegationState(): DelegationState {
  return { delegations: [], acknowledged: [] };
}

/** The last day a delegation is in force, or undefined if it was revoked before it began. */
export function lastDayInForce(delegation: Delegation): CivilDate | undefined {
  if (delegation.revokedOn === undefined) return delegation.until;
  const dayBefore = previousDay(delegation.revokedOn);
  if (dayBefore < delegation.from) return undefined;
  return dayBefore < delegation.until ? dayBefore : delegation.until;
}

/**
 * The delegation under which `delegate` may decide for the department on `day`, if any; with a
 * decision, only one that delegates it.
 */
export function delegationInForce(
  state: DelegationState,
  delegate: string,
  day: CivilDate,
  decision?: DelegatedDecision,
): Delegation | undefined {
  return state.delegations.find((d) => {
    const last = lastDayInForce(d);
    if (decision && d.decisions && !d.decisions.includes(decision)) return false;
    return d.delegate === delegate && last !== undefined && d.from <= day && day <= last;
  });
}

export function decideDelegation(command: DelegationCommand, state: DelegationState): DelegationEvent[] {
  const { departmentId } = command.data;
  authorizeDelegation(command.by, command.type, { departmentId, name: command.data.department });
  switch (command.type) {
    case 'GrantDelegation': {
      const { delegationId, department, delegate, delegateActor, from, until, reason, decisions } = command.data;
      const head = command.by.role === 'admin' ? command.data.delegatedBy : command.by.userId;
      if (!isCivilDate(from)) throw InvalidInput.of('from', 'must be a date, YYYY-MM-DD');
      if (!isCivilDate(until)) throw InvalidInput.of('until', 'must be a date, YYYY-MM-DD');
      if (until < from)
        throw InvalidInput.of(
          'until',
          `must not be before from (${from})`,
          `終了日は開始日（${formatWareki(from)}）以降の日にしてください`,
        );
      if (from < command.today)
        throw InvalidInput.of(
          'from',
          `must be today (${command.today}) or later: 代決 is not granted after the fact`,
          `開始日は今日（${formatWareki(command.today)}）以降の日にしてください。代決はさかのぼって登録できません`,
        );
      if (!head)
        throw InvalidInput.of(
          'department',
          `${department} has no 部長 on ${from} to delegate for`,
          `${formatWareki(from)}の${department}には部長がいないため、代決を登録できません`,
        );
      if (delegate === head)
        throw InvalidInput.of(
          'delegate',
          'a department head cannot delegate to themselves',
          '部長ご自身を代決者にすることはできません',
        );
      if (decisions !== undefined) {
        if (decisions.length === 0)
          throw InvalidInput.of(
            'decisions',
            'name at least one decision to delegate',
            '代決させる決裁（承認・差戻し・実績確認）を一つ以上選んでください',
          );
        const unknown = decisions.filter((d) => !(DELEGATED_DECISIONS as readonly string[]).includes(d));
        if (unknown.length)
          throw InvalidInput.of(
            'decisions',
            `must be among ${DELEGATED_DECISIONS.join(', ')}: not ${unknown.join(', ')}`,
            `代決させる決裁は approve（承認）、return（差戻し）、confirm（実績確認）から選んでください（${unknown.join('、')}は選べません）`,
          );
      }
      if (!delegateActor)
        throw InvalidInput.of(
          'delegate',
          `${delegate} is not in the directory on ${from}`,
          `${delegate} は${formatWareki(from)}に職に就いていないため、代決者にできません`,
        );
      if (delegateActor.role === 'auditor')
        throw InvalidInput.of(
          'delegate',
          `${delegate} is an auditor: auditors never write, so cannot decide for the head`,
          '監査の職にある方は代決者にできません（監査は書き込みをしません）',
        );
      if (delegateActor.role === 'admin')
        throw InvalidInput.of(
          'delegate',
          `${delegate} is an administrator: administrators keep the directory, not goals`,
          '管理者は組織と職員を管理する職のため、代決者にできません',
        );
      // One 代決者 at a time: two people deciding for the same head on the same day could contradict each other.
      const clash = state.delegations.find((d) => {
        const last = lastDayInForce(d);
        return last !== undefined && d.from <= until && from <= last;
      });
      if (clash)
        throw new IllegalTransition(
          command.type,
          'delegated',
          `${department} already delegates to ${clash.delegate} from ${clash.from} until ${lastDayInForce(clash)} ` +
            `(delegation ${clash.delegationId}): revoke it first or choose days outside it`,
          `${formatWareki(clash.from)}から${formatWareki(lastDayInForce(clash)!)}までは、すでに${clash.delegate}さんが代決者です。` +
            'その代決を取り消すか、重ならない期間を選んでください',
        );
      const text = reason?.trim();
      return [
        {
          type: 'DelegationGranted',
          data: {
            delegationId,
            department,
            departmentId,
            delegatedBy: head,
            delegate,
            from,
            until,
            ...(text ? { reason: text } : {}),
            // Kept only when narrower than all: an event without it delegates every decision.
            ...(decisions && DELEGATED_DECISIONS.some((d) => !decisions.includes(d))
              ? { decisions: DELEGATED_DECISIONS.filter((d) => decisions.includes(d)) }
              : {}),
          },
        },
      ];
    }
    case 'RevokeDelegation': {
      const { delegationId, department } = command.data;
      const delegation = state.delegations.find((d) => d.delegationId === delegationId);
      if (!delegation) throw new NotFound('delegation', delegationId);
      const last = lastDayInForce(delegation);
      if (last === undefined || last < command.today)
        throw new IllegalTransition(
          command.type,
          delegation.revokedOn ? 'revoked' : 'ended',
          `delegation ${delegationId} is no longer in force`,
          'この代決はすでに終了しているか、取り消されています',
        );
      return [
        { type: 'DelegationRevoked', data: { delegationId, department, departmentId, revokedOn: command.today } },
      ];
    }
    case 'AcknowledgeDelegatedDecision': {
      const { reviewId, goalId, department, decision } = command.data;
      if (!decision?.onBehalfOf) throw new NotFound('decision taken by 代決', reviewId);
      // Acknowledging twice changes nothing: a retried click is not an error.
      if (state.acknowledged.includes(reviewId)) return [];
      return [
        {
          type: 'DelegatedDecisionAcknowledged',
          data: { reviewId, goalId, department, departmentId, acknowledgedBy: command.by.userId },
        },
      ];
    }
  }
}

export function evolveDelegation(state: DelegationState, event: DelegationEvent): DelegationState {
  switch (event.type) {
    case 'DelegationGranted':
      return { ...state, delegations: [...state.delegations, { ...event.data }] };
    case 'DelegationRevoked':
      return {
        ...state,
        delegations: state.delegations.map((d) =>
          d.delegationId === event.data.delegationId ? { ...d, revokedOn: event.data.revokedOn } : d,
        ),
      };
    case 'DelegatedDecisionAcknowledged':
      return { ...state, acknowledged: [...state.acknowledged, event.data.reviewId] };
  }
}

export function foldDelegations(events: readonly DelegationEvent[]): DelegationState {
  return events.reduce(evolveDelegation, initialDelegationState());
}

function previousDay(day: CivilDate): CivilDate {
  const d = new Date(`${day}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() - 1);
  return d.toISOString().slice(0, 10);
}

/** The civil day of an instant in Asia/Tokyo (UTC+9 all year: Japan keeps no daylight saving time). */
export function tokyoDay(at: Date): CivilDate {
  return new Date(at.getTime() + 9 * 3600_000).toISOString().slice(0, 10);
}
