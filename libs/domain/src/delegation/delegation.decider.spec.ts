import { Actor } from '../directory';
import { IllegalTransition, InvalidInput, NotAllowed, NotFound } from '../errors';
import { decideGoal, evolveGoal, GoalState, initialGoalState } from '../goal/goal.decider';
import { GoalCommand } from '../goal/goal.commands';
import { GoalEvent } from '../goal/goal.events';
import { actors, departmentIds, histories, rules } from '../testing/fixtures';
import { deciderSpecification } from '../testing/decider-specification';
import {
  decideDelegation,
  delegationInForce,
  DelegationCommand,
  DelegationState,
  evolveDelegation,
  foldDelegations,
  initialDelegationState,
  tokyoDay,
} from './delegation.decider';
import { DELEGATION_EVENTS, DelegationEvent, delegationStreamId, legacyDelegationStreamId } from './delegation.events';

const { given } = deciderSpecification<DelegationCommand, DelegationState, DelegationEvent>({
  decide: decideDelegation,
  evolve: evolveDelegation,
  initialState: initialDelegationState,
});

const DEPT = '市民生活部';
const DEPT_ID = departmentIds.市民生活部;
const TODAY = '2026-11-25';

function grant(
  overrides: Partial<Extract<DelegationCommand, { type: 'GrantDelegation' }>['data']> = {},
  by: Actor = actors.bucho,
): DelegationCommand {
  return {
    type: 'GrantDelegation',
    by,
    today: TODAY,
    data: {
      delegationId: 'd-1',
      department: DEPT,
      departmentId: DEPT_ID,
      delegate: 'kacho-shimin',
      delegateActor: actors.shiminKacho,
      from: '2026-11-30',
      until: '2026-12-04',
      ...overrides,
    },
  };
}

const granted = (
  from = '2026-11-30',
  until = '2026-12-04',
  delegationId = 'd-1',
  delegate = 'kacho-shimin',
): DelegationEvent => ({
  type: 'DelegationGranted',
  data: { delegationId, department: DEPT, departmentId: DEPT_ID, delegatedBy: 'bucho', delegate, from, until },
});

const invalid = (field: string, reason: RegExp) => (e: InvalidInput) => {
  expect(e.errors[0].field).toBe(field);
  expect(e.errors[0].reason).toMatch(reason);
};

describe('代決: granting a delegation', () => {
  it('a department head delegates to a 課長 of the department for a week', () => {
    given([])
      .when(grant({ reason: '出張' }))
      .then([{ ...granted(), data: { ...granted().data, reason: '出張' } } as DelegationEvent]);
  });

  it('refuses self-delegation', () => {
    given([])
      .when(grant({ delegate: 'bucho', delegateActor: actors.bucho }))
      .thenThrows(InvalidInput, invalid('delegate', /themselves/));
  });

  it('refuses an auditor, who never writes', () => {
    given([])
      .when(grant({ delegate: 'kansa', delegateActor: actors.auditor }))
      .thenThrows(InvalidInput, invalid('delegate', /auditor/));
  });

  it('refuses an administrator', () => {
    given([])
      .when(grant({ delegate: 'admin', delegateActor: actors.admin }))
      .thenThrows(InvalidInput, invalid('delegate', /administrator/));
  });

  it('refuses a person the directory does not know', () => {
    given([])
      .when(grant({ delegate: 'nobody', delegateActor: undefined }))
      .thenThrows(InvalidInput, invalid('delegate', /not in the directory/));
  });

  it('refuses until before from, a date that is not one, and a range that began in the past', () => {
    given([])
      .when(grant({ until: '2026-11-29' }))
      .thenThrows(InvalidInput, invalid('until', /before from/));
    given([])
      .when(grant({ from: '2026-02-30' }))
      .thenThrows(InvalidInput, invalid('from', /YYYY-MM-DD/));
    given([])
      .when(grant({ from: '2026-11-24' }))
      .thenThrows(InvalidInput, invalid('from', /today/));
  });

  it('refuses a range overlapping another delegation of the department, even by one day', () => {
    given([granted()])
      .when(
        grant({
          delegationId: 'd-2',
          delegate: 'kacho-keizai',
          delegateActor: actors.keizaiKacho,
          from: '2026-12-04',
          until: '2026-12-10',
        }),
      )
      .thenThrows(IllegalTransition, (e) => expect(e.message).toMatch(/already delegates to kacho-shimin/));
  });

  it('accepts the next range once the first ends, and a range freed by revoking', () => {
    given([granted()])
      .when(grant({ delegationId: 'd-2', from: '2026-12-05', until: '2026-12-06' }))
      .then([granted('2026-12-05', '2026-12-06', 'd-2')]);
    const revoked: DelegationEvent = {
      type: 'DelegationRevoked',
      data: { delegationId: 'd-1', department: DEPT, departmentId: DEPT_ID, revokedOn: TODAY },
    };
    given([granted(), revoked])
      .when(grant({ delegationId: 'd-2' }))
      .then([granted(undefined, undefined, 'd-2')]);
  });

  it('only the head of the department delegates', () => {
    given([])
      .when(grant({}, actors.shiminKacho))
      .thenThrows(NotAllowed, (e) => expect(e.rule).toBe('department-head-delegates'));
    given([])
      .when(grant({}, actors.otherBucho))
      .thenThrows(NotAllowed, (e) => expect(e.rule).toBe('department-head-delegates'));
    given([])
      .when(grant({}, actors.auditor))
      .thenThrows(NotAllowed, (e) => expect(e.rule).toBe('auditor-read-only'));
  });
});

describe('代決 of a department by its id', () => {
  it('the head of a renamed department still gives and ends its delegations: the post holds the id', () => {
    const renamedBucho: Actor = {
      ...actors.bucho,
      department: '市民部',
      post: { ...actors.bucho.post!, department: '市民部' },
    };
    given([])
      .when(grant({ department: '市民部' }, renamedBucho))
      .then([{ ...granted(), data: { ...granted().data, department: '市民部' } } as DelegationEvent]);
    // A head of another department whose name happens to be the one given is refused: ids decide.
    const namesake: Actor = { ...actors.otherBucho, department: DEPT };
    given([])
      .when(grant({}, namesake))
      .thenThrows(NotAllowed, (e) => expect(e.rule).toBe('department-head-delegates'));
  });

  it('reads events written before ids as the department’s whose streams are read, and leaves them alone otherwise', () => {
    const v1 = { type: 'DelegationGranted', data: { ...granted().data, departmentId: undefined }, metadata: {} };
    delete (v1.data as { departmentId?: string }).departmentId;
    expect(DELEGATION_EVENTS.read([v1], { departmentId: 'dep-x' })[0].data.departmentId).toBe('dep-x');
    expect(DELEGATION_EVENTS.upcast(v1)!.data.departmentId).toBeUndefined();
    const v2 = { ...granted(), metadata: { schemaVersion: DELEGATION_EVENTS.version('DelegationGranted') } };
    expect(DELEGATION_EVENTS.read([v2], { departmentId: 'dep-x' })[0].data.departmentId).toBe(DEPT_ID);
  });

  it('keeps the stream by id; the legacy stream by name', () => {
    expect(delegationStreamId(DEPT_ID)).toBe(`delegations-${DEPT_ID}`);
    expect(legacyDelegationStreamId(DEPT)).toBe('delegations-市民生活部');
  });
});

describe('代決 entered by an administrator for the head', () => {
  it('records it for the head on the first day, as if the head had given it', () => {
    given([])
      .when(grant({ delegatedBy: 'bucho' }, actors.admin))
      .then([granted()]);
  });

  it('refuses a department with no head on the first day, and delegating to the head', () => {
    given([])
      .when(grant({ delegatedBy: undefined }, actors.admin))
      .thenThrows(InvalidInput, invalid('department', /no 部長/));
    given([])
      .when(grant({ delegatedBy: 'kacho-shimin' }, actors.admin))
      .thenThrows(InvalidInput, invalid('delegate', /themselves/));
  });

  it('ends one early, but never acknowledges a decision: 後閲 is the head’s reading', () => {
    given([granted()])
      .when({
        type: 'RevokeDelegation',
        by: actors.admin,
        today: TODAY,
        data: { delegationId: 'd-1', department: DEPT, departmentId: DEPT_ID },
      })
      .then([
        {
          type: 'DelegationRevoked',
          data: { delegationId: 'd-1', department: DEPT, departmentId: DEPT_ID, revokedOn: TODAY },
        },
      ]);
    given([granted()])
      .when({
        type: 'AcknowledgeDelegatedDecision',
        by: actors.admin,
        today: TODAY,
        data: {
          reviewId: 'ev-1',
          goalId: 'goal-1',
          department: DEPT,
          departmentId: DEPT_ID,
          decision: { onBehalfOf: 'bucho' },
        },
      })
      .thenThrows(NotAllowed, (e) => expect(e.rule).toBe('admin-directory-only'));
  });
});

describe('代決 of some decisions only', () => {
  it('keeps the decisions named, and none when all three are', () => {
    given([])
      .when(grant({ decisions: ['confirm', 'approve'] }))
      .then([{ ...granted(), data: { ...granted().data, decisions: ['approve', 'confirm'] } } as DelegationEvent]);
    given([])
      .when(grant({ decisions: ['approve', 'return', 'confirm'] }))
      .then([granted()]);
  });

  it('refuses an empty list and a decision that is not one', () => {
    given([])
      .when(grant({ decisions: [] }))
      .thenThrows(InvalidInput, invalid('decisions', /at least one/));
    given([])
      .when(grant({ decisions: ['approve', 'renumber'] }))
      .thenThrows(InvalidInput, invalid('decisions', /not renumber/));
  });

  it('is in force only for the decisions delegated; an older delegation for all of them', () => {
    const onlyConfirm: DelegationEvent = {
      ...granted(),
      data: { ...granted().data, decisions: ['confirm'] },
    } as DelegationEvent;
    const state = foldDelegations([onlyConfirm]);
    expect(delegationInForce(state, 'kacho-shimin', '2026-12-01', 'confirm')).toBeDefined();
    expect(delegationInForce(state, 'kacho-shimin', '2026-12-01', 'approve')).toBeUndefined();
    expect(delegationInForce(foldDelegations([granted()]), 'kacho-shimin', '2026-12-01', 'return')).toBeDefined();
  });
});

describe('代決: revoking early', () => {
  const revoke = (today: string, delegationId = 'd-1'): DelegationCommand => ({
    type: 'RevokeDelegation',
    by: actors.bucho,
    today,
    data: { delegationId, department: DEPT, departmentId: DEPT_ID },
  });

  it('ends the delegation from the day of revoking', () => {
    given([granted()])
      .when(revoke('2026-12-02'))
      .then([
        {
          type: 'DelegationRevoked',
          data: { delegationId: 'd-1', department: DEPT, departmentId: DEPT_ID, revokedOn: '2026-12-02' },
        },
      ]);
    const state = foldDelegations([
      granted(),
      {
        type: 'DelegationRevoked',
        data: { delegationId: 'd-1', department: DEPT, departmentId: DEPT_ID, revokedOn: '2026-12-02' },
      },
    ]);
    expect(delegationInForce(state, 'kacho-shimin', '2026-12-01')?.delegationId).toBe('d-1');
    expect(delegationInForce(state, 'kacho-shimin', '2026-12-02')).toBeUndefined();
  });

  it('refuses an unknown delegation and one that has ended', () => {
    given([granted()]).when(revoke(TODAY, 'd-9')).thenThrows(NotFound);
    given([granted()]).when(revoke('2026-12-05')).thenThrows(IllegalTransition);
  });
});

describe('代決: in force', () => {
  it('is in force from the first to the last day, for the delegate only', () => {
    const state = foldDelegations([granted()]);
    expect(delegationInForce(state, 'kacho-shimin', '2026-11-29')).toBeUndefined();
    expect(delegationInForce(state, 'kacho-shimin', '2026-11-30')).toBeDefined();
    expect(delegationInForce(state, 'kacho-shimin', '2026-12-04')).toBeDefined();
    expect(delegationInForce(state, 'kacho-shimin', '2026-12-05')).toBeUndefined();
    expect(delegationInForce(state, 'kacho-keizai', '2026-12-01')).toBeUndefined();
  });

  it('counts the day in Asia/Tokyo', () => {
    expect(tokyoDay(new Date('2026-11-29T15:00:00Z'))).toBe('2026-11-30');
    expect(tokyoDay(new Date('2026-11-29T14:59:59Z'))).toBe('2026-11-29');
  });
});

describe('代決: a delegate deciding a goal', () => {
  const goals = deciderSpecification<GoalCommand, GoalState, GoalEvent>({
    decide: (command, state) => decideGoal(command, state, rules),
    evolve: evolveGoal,
    initialState: initialGoalState,
  });
  const actingFor = {
    department: DEPT,
    departmentId: departmentIds.市民生活部,
    onBehalfOf: 'bucho',
    delegationId: 'd-1',
  };

  it('approves, returns and confirms acting for the head, as themselves', () => {
    goals
      .given(histories.submitted)
      .when({ type: 'ApproveGoal', data: {}, by: actors.keizaiKacho, actingFor })
      .then([{ type: 'GoalApproved', data: { goalId: 'goal-1' } }]);
    goals
      .given(histories.submitted)
      .when({ type: 'ReturnGoal', data: { reason: '再検討' }, by: actors.keizaiKacho, actingFor })
      .then([{ type: 'GoalReturned', data: { goalId: 'goal-1', reason: '再検討' } }]);
    goals
      .given(histories.achievementRecorded)
      .when({ type: 'ConfirmAchievement', data: {}, by: actors.keizaiKacho, actingFor })
      .then([
        {
          type: 'AchievementConfirmed',
          data: { goalId: 'goal-1', level: 'ほぼ達成した', recordedLevel: 'ほぼ達成した' },
        },
      ]);
  });

  it('without a delegation in force the head’s rule refuses, and saying so', () => {
    goals
      .given(histories.submitted)
      .when({ type: 'ApproveGoal', data: {}, by: actors.keizaiKacho })
      .thenThrows(NotAllowed, (e) => {
        expect(e.rule).toBe('department-head-decides');
        expect(e.message).toMatch(/代決/);
      });
  });

  it('a delegation of another department gives nothing here, and an auditor never acts for anyone', () => {
    const elsewhere = { ...actingFor, department: '福祉部', departmentId: departmentIds.福祉部 };
    goals
      .given(histories.submitted)
      .when({ type: 'ApproveGoal', data: {}, by: actors.keizaiKacho, actingFor: elsewhere })
      .thenThrows(NotAllowed);
    goals
      .given(histories.submitted)
      .when({ type: 'ApproveGoal', data: {}, by: actors.auditor, actingFor })
      .thenThrows(NotAllowed);
  });

  it('gives no right beyond deciding: the delegate still cannot revise another section’s goal', () => {
    goals
      .given(histories.draft)
      .when({ type: 'ReviseGoal', data: { changes: { deadlineMonth: 3 } }, by: actors.keizaiKacho, actingFor })
      .thenThrows(NotAllowed);
  });
});

describe('後閲: acknowledging a decision taken for the head', () => {
  const ack = (decision: { onBehalfOf?: string } | undefined, by: Actor = actors.bucho): DelegationCommand => ({
    type: 'AcknowledgeDelegatedDecision',
    by,
    today: TODAY,
    data: { reviewId: 'ev-1', goalId: 'goal-1', department: DEPT, departmentId: DEPT_ID, decision },
  });
  const acknowledged: DelegationEvent = {
    type: 'DelegatedDecisionAcknowledged',
    data: { reviewId: 'ev-1', goalId: 'goal-1', department: DEPT, departmentId: DEPT_ID, acknowledgedBy: 'bucho' },
  };

  it('is recorded once; acknowledging again changes nothing', () => {
    given([granted()])
      .when(ack({ onBehalfOf: 'bucho' }))
      .then([acknowledged]);
    given([granted(), acknowledged])
      .when(ack({ onBehalfOf: 'bucho' }))
      .thenNothingHappens();
  });

  it('refuses a decision that was not taken by 代決, and anyone but the head', () => {
    given([]).when(ack({})).thenThrows(NotFound);
    given([]).when(ack(undefined)).thenThrows(NotFound);
    given([])
      .when(ack({ onBehalfOf: 'bucho' }, actors.keizaiKacho))
      .thenThrows(NotAllowed);
  });
});
