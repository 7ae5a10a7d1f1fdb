import { eventSchema } from '../events/event-schema';
import { CivilDate } from '../fiscal-year';

/**
 * 代決: a department head lets a named person decide goals (approve, return, confirm the 実績) for
 * a range of days, and reviews each such decision afterwards (後閲). One stream per department
 * (`delegations-<department>`), so overlapping grants of the same department are decided against
 * one revision and two heads' clicks cannot both succeed.
 */
export type DelegationEvent = DelegationGranted | DelegationRevoked | DelegatedDecisionAcknowledged;

export type DelegationGranted = {
  type: 'DelegationGranted';
  data: {
    delegationId: string;
    department: string;
    /** Login id of the head who delegates: the one on whose behalf the delegate decides. */
    delegatedBy: string;
    /** Login id of the person who may decide in the head's stead. */
    delegate: string;
    /** First and last day (Asia/Tokyo), both inclusive. */
    from: CivilDate;
    until: CivilDate;
    reason?: string;
    /** The decisions delegated; every one (approve, return, confirm) when absent, as before it was asked. */
    decisions?: DelegatedDecision[];
  };
};

/** What a 代決者 may decide in the head's stead: 承認, 差戻し, 実績確認. */
export const DELEGATED_DECISIONS = ['approve', 'return', 'confirm'] as const;
export type DelegatedDecision = (typeof DELEGATED_DECISIONS)[number];

/** Ends a delegation early: from `revokedOn` (inclusive) it is no longer in force. */
export type DelegationRevoked = {
  type: 'DelegationRevoked';
  data: { delegationId: string; department: string; revokedOn: CivilDate };
};

/**
 * The head has read a decision taken on their behalf (後閲). `reviewId` is the id of the goal event
 * the delegate's decision wrote, so the review item and the decision cannot drift apart.
 */
export type DelegatedDecisionAcknowledged = {
  type: 'DelegatedDecisionAcknowledged';
  data: { reviewId: string; goalId: string; department: string; acknowledgedBy: string };
};

export const DELEGATION_EVENT_TYPES = [
  'DelegationGranted',
  'DelegationRevoked',
  'DelegatedDecisionAcknowledged',
] as const satisfies readonly DelegationEvent['type'][];

export const DELEGATION_EVENTS = eventSchema<DelegationEvent>(DELEGATION_EVENT_TYPES);

export function delegationStreamId(department: string): string {
  return `delegations-${department}`;
}
