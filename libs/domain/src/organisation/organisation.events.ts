import { eventSchema } from '../events/event-schema';
import { CivilDate } from '../fiscal-year';

/**
 * The organisation as events, in one stream (`directory`): departments and sections with ids that
 * outlive their names, the people, and the posts they hold from a day until a day. A city has
 * hundreds of people and a few hundred sections, so the whole stream is small enough to fold in
 * memory; one stream also gives one revision to check an assignment against (two administrators
 * cannot both make someone 部長 of the same department for the same days).
 *
 * Dates are civil dates in Asia/Tokyo ('YYYY-MM-DD'); `until` is the last day, inclusive.
 */
export type OrganisationEvent =
  | DepartmentEstablished
  | DepartmentRenamed
  | DepartmentAbolished
  | SectionEstablished
  | SectionRenamed
  | SectionAbolished
  | SectionMoved
  | SectionsMerged
  | SectionSplit
  | PersonRegistered
  | PersonLoginIdChanged
  | PersonMerged
  | PostAssigned
  | PostEnded;

/**
 * `reason`, where given, is the administrator's (the 機構改革's ordinance or decision); the envelope
 * copies it into the metadata, where the audit trail reads it, as it does for every write.
 */
export type DepartmentEstablished = {
  type: 'DepartmentEstablished';
  /** headTitle: 職名 of its head as printed on the sheet, e.g. 市民生活部長. */
  data: { departmentId: string; name: string; headTitle: string; effectiveFrom: CivilDate; reason?: string };
};
export type DepartmentRenamed = {
  type: 'DepartmentRenamed';
  data: { departmentId: string; name: string; headTitle: string; effectiveFrom: CivilDate; reason?: string };
};
/** The first day it no longer exists; its sections were moved or abolished by then. */
export type DepartmentAbolished = {
  type: 'DepartmentAbolished';
  data: { departmentId: string; effectiveFrom: CivilDate; reason?: string };
};
export type SectionEstablished = {
  type: 'SectionEstablished';
  data: { sectionId: string; departmentId: string; name: string; effectiveFrom: CivilDate; reason?: string };
};
export type SectionRenamed = {
  type: 'SectionRenamed';
  data: { sectionId: string; name: string; effectiveFrom: CivilDate; reason?: string };
};
/** Abolished with no successor: its work ends with it. */
export type SectionAbolished = {
  type: 'SectionAbolished';
  data: { sectionId: string; effectiveFrom: CivilDate; reason?: string };
};
/** The same section (same id, same goals) belongs to another department from the day. */
export type SectionMoved = {
  type: 'SectionMoved';
  data: {
    sectionId: string;
    fromDepartmentId: string;
    departmentId: string;
    effectiveFrom: CivilDate;
    reason?: string;
  };
};
/**
 * The sections end the day before `effectiveFrom` and their work goes to `intoSectionId`, which
 * exists from that day (established by an event before this one when it is new).
 */
export type SectionsMerged = {
  type: 'SectionsMerged';
  data: { sectionIds: string[]; intoSectionId: string; effectiveFrom: CivilDate; reason?: string };
};
/** The section ends the day before `effectiveFrom` and its work goes to every one of `intoSectionIds`. */
export type SectionSplit = {
  type: 'SectionSplit';
  data: { sectionId: string; intoSectionIds: string[]; effectiveFrom: CivilDate; reason?: string };
};
export type PersonRegistered = {
  type: 'PersonRegistered';
  data: { personId: string; name: string; loginId: string; email?: string; employeeNumber?: string };
};

/**
 * A login id corrected by an administrator (an imported head's generated id, a typo). The old id is
 * never handed out again: tokens and sessions naming it would otherwise sign in as someone else.
 */
export type PersonLoginIdChanged = {
  type: 'PersonLoginIdChanged';
  data: { personId: string; loginId: string; previousLoginId: string; reason: string };
};
/**
 * One person registered twice: the duplicate's posts become the kept person's; the duplicate stays
 * in the directory (the history names them) but holds nothing and so can no longer sign in.
 */
export type PersonMerged = {
  type: 'PersonMerged';
  data: { personId: string; intoPersonId: string; reason: string };
};

/**
 * 部長, 課長, 監査, 管理者, 庶務担当 (drafts goals for the sections named), 企画担当 (the planning office:
 * reads every department's sheets to see the whole city, writes nothing on them).
 */
export type PostKind = 'departmentHead' | 'sectionHead' | 'auditor' | 'admin' | 'clerk' | 'planning';
export const POST_KINDS: readonly PostKind[] = [
  'departmentHead',
  'sectionHead',
  'auditor',
  'admin',
  'clerk',
  'planning',
];
export const POST_TITLES: Readonly<Record<PostKind, string>> = {
  departmentHead: '部長',
  sectionHead: '課長',
  auditor: '監査',
  admin: '管理者',
  clerk: '庶務担当',
  planning: '企画担当',
};

export interface PostTerms {
  postId: string;
  personId: string;
  kind: PostKind;
  /** For 部長, 課長 and 庶務担当. */
  departmentId?: string;
  /** For 課長 and 庶務担当: the sections, all of `departmentId`. */
  sectionIds?: string[];
  from: CivilDate;
  /** Last day held; absent while open-ended. */
  until?: CivilDate;
}
export type PostAssigned = { type: 'PostAssigned'; data: PostTerms };
export type PostEnded = { type: 'PostEnded'; data: { postId: string; until: CivilDate; reason?: string } };

export const ORGANISATION_EVENT_TYPES = [
  'DepartmentEstablished',
  'DepartmentRenamed',
  'DepartmentAbolished',
  'SectionEstablished',
  'SectionRenamed',
  'SectionAbolished',
  'SectionMoved',
  'SectionsMerged',
  'SectionSplit',
  'PersonRegistered',
  'PersonLoginIdChanged',
  'PersonMerged',
  'PostAssigned',
  'PostEnded',
] as const satisfies readonly OrganisationEvent['type'][];
type OrganisationEventType = (typeof ORGANISATION_EVENT_TYPES)[number];
const _everyOrganisationEventListed: Exclude<OrganisationEvent['type'], OrganisationEventType> extends never
  ? true
  : never = true;
void _everyOrganisationEventListed;

export const ORGANISATION_EVENTS = eventSchema<OrganisationEvent>(ORGANISATION_EVENT_TYPES);

/** The one stream of the organisation. */
export const DIRECTORY_STREAM = 'directory';
