/**
 * The audit trail shows each event by its Japanese label; a type without one would show as its
 * English name in the store. The web is built apart from the domain, so this holds the two together:
 * every event type the store can hold has a label, and no label names a type that no longer exists.
 */
import {
  ACHIEVEMENT_SCALE_EVENT_TYPES,
  DELEGATION_EVENT_TYPES,
  GOAL_EVENT_TYPES,
  MID_YEAR_REMINDER_EVENTS,
  MID_YEAR_REPORT_EVENT_TYPES,
  ORGANISATION_EVENT_TYPES,
  PLAN_EVENT_TYPES,
  PUBLICATION_EVENT_TYPES,
  REMINDER_EVENT_TYPES,
  SHEET_EVENT_TYPES,
  YEAR_EVENT_TYPES,
  CARRY_OVER_EVENT_TYPES,
} from '@goals/domain';
import { SECURITY_EVENT_TYPES } from '../../apps/api/src/auth/security-events';
import { EVENT_LABEL } from '../../apps/web/src/ui/labels';
import { PLANNING_READ_EVENT_TYPES } from '../../apps/api/src/overview/planning-reads/planning-reads.interceptor';

const EVERY_TYPE = [
  ...SHEET_EVENT_TYPES,
  ...GOAL_EVENT_TYPES,
  ...REMINDER_EVENT_TYPES,
  ...DELEGATION_EVENT_TYPES,
  ...ORGANISATION_EVENT_TYPES,
  ...PLAN_EVENT_TYPES,
  ...PUBLICATION_EVENT_TYPES,
  ...SECURITY_EVENT_TYPES,
  ...PLANNING_READ_EVENT_TYPES,
  ...YEAR_EVENT_TYPES,
  ...MID_YEAR_REPORT_EVENT_TYPES,
  ...CARRY_OVER_EVENT_TYPES,
  ...MID_YEAR_REMINDER_EVENTS.types,
  ...ACHIEVEMENT_SCALE_EVENT_TYPES,
];

it('labels every event type of the store in Japanese', () => {
  const unlabelled = EVERY_TYPE.filter((type) => !/[\u3040-\u30ff\u4e00-\u9fff]/.test(EVENT_LABEL[type] ?? ''));
  expect(unlabelled).toEqual([]);
});

it('labels no event type the store does not have', () => {
  expect(Object.keys(EVENT_LABEL).filter((type) => !EVERY_TYPE.includes(type as never))).toEqual([]);
});

it('gives each event a label of its own, so two kinds of change never read alike', () => {
  const labels = Object.values(EVENT_LABEL);
  expect(labels.filter((label, i) => labels.indexOf(label) !== i)).toEqual([]);
});
