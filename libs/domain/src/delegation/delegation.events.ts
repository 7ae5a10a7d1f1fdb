import { eventSchema, Upcaster } from '../events/event-schema';
import { CivilDate } from '../fiscal-year';

/**
 * 代決: a department head lets a named person decide goals (approve, return, confirm the 実績) for
 * a range of days, and reviews each such decision afterwards (後閲). One stream per department, by
 * its id (`delegations-<departmentId>`), so overlapping grants of the same department are decided
 * against one revision and two heads' clicks cannot both succeed, and a renamed department keeps
 * its delegations. Releases before ids kept the stream by the department's name of the day
 * (`delegations-<name>`); those streams are still read, never written.
 */
export type DelegationEvent = DelegationGranted | DelegationRevoked | DelegatedDecisionAcknowledged;

export type DelegationGranted = {
  type: 'DelegationGranted';
  data: {
    delegationId: string;
    /** The department's name on the day it was granted, for people to read. */
    department: string;
    /** Absent only in events of schema version 1, read from a stream kept by name (see DelegationReadContext). */
    departmentId?: string;
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
  data: { delegationId: string; department: string; departmentId?: string; revokedOn: CivilDate };
};

/**
 * The head has read a decision taken on their behalf (後閲). `reviewId` is the id of the goal event
 * the delegate's decision wrote, so the review item and the decision cannot drift apart.
 */
export type DelegatedDecisionAcknowledged = {
  type: 'DelegatedDecisionAcknowledged';
  data: { reviewId: string; goalId: string; department: string; departmentId?: string; acknowledgedBy: string };
};

export const DELEGATION_EVENT_TYPES = [
  'DelegationGranted',
  'DelegationRevoked',
  'DelegatedDecisionAcknowledged',
] as const satisfies readonly DelegationEvent['type'][];

/**
 * Reading a department's delegations: the department whose streams are read. Events of schema
 * version 1 name only the department's name (their stream is kept by it); read for a department,
 * they belong to it. Read without (the projector, which needs only the goal), the id stays absent.
 */
export interface DelegationReadContext {
  departmentId: string;
}

const departmentIdV1ToV2: Upcaster<DelegationReadContext> = (data, context) =>
  context && data.departmentId === undefined ? { ...data, departmentId: context.departmentId } : data;

export const DELEGATION_EVENTS = eventSchema<DelegationEvent, DelegationReadContext>(DELEGATION_EVENT_TYPES, {
  DelegationGranted: { 1: departmentIdV1ToV2 },
  DelegationRevoked: { 1: departmentIdV1ToV2 },
  DelegatedDecisionAcknowledged: { 1: departmentIdV1ToV2 },
});

/** The stream of a department's delegations, by its id: a rename moves nothing. */
export function delegationStreamId(departmentId: string): string {
  return `delegations-${departmentId}`;
}

/**
 * Where releases before ids kept a department's delegations: by its name of the day. Read for every
 * name the department has had, before its id stream; nothing is written there any more.
 */
export function legacyDelegationStreamId(departmentName: string): string {
  return `delegations-${departmentName}`;
}
