import { Actor, COMMON_SECTION } from '../directory';
import { IllegalTransition, InvalidInput, NotAllowed, NotFound } from '../errors';
import { actors, commandOf, events, goal1, histories, rules, sectionIds } from '../testing/fixtures';
import { deciderSpecification } from '../testing/decider-specification';
import { GoalCommand, GOAL_COMMAND_TYPES, GoalCommandType } from './goal.commands';
import { GoalContent } from './goal-content';
import { decideGoal, evolveGoal, ExistingGoal, foldGoal, GoalState, initialGoalState } from './goal.decider';
import { GoalEvent } from './goal.events';
import { proposersOf } from './goal-proposal';
import { ActingFor } from '../delegation/acting-for';
import { SCALE_PRESETS, selectableLevels } from '../scale/achievement-scale';

const spec = deciderSpecification<GoalCommand, GoalState, GoalEvent>({
  decide: (command, state) => decideGoal(command, state, rules),
  evolve: evolveGoal,
  initialState: initialGoalState,
});
const given = spec.given;

const DECISIONS: GoalCommandType[] = ['ApproveGoal', 'ReturnGoal', 'ConfirmAchievement'];
const permittedActor = (type: GoalCommandType): Actor => (DECISIONS.includes(type) ? actors.bucho : actors.shiminKacho);

/** The workflow diagram of product.md, as data: state → command → events it produces. */
const LEGAL: Record<string, Partial<Record<GoalCommandType, GoalEvent['type'][]>>> = {
  none: { DraftGoal: ['GoalDrafted'] },
  draft: { ReviseGoal: ['GoalRevised'], SubmitGoal: ['GoalSubmitted'], DeleteGoal: ['GoalDeleted'] },
  returned: { ReviseGoal: ['GoalRevised'], SubmitGoal: ['GoalSubmitted'] },
  submitted: { WithdrawGoal: ['GoalWithdrawn'], ApproveGoal: ['GoalApproved'], ReturnGoal: ['GoalReturned'] },
  approved: { AmendGoal: ['GoalAmendmentRequested'], RecordAchievement: ['AchievementRecorded'] },
  'approved (amendment pending)': {
    WithdrawGoal: ['GoalAmendmentWithdrawn'],
    ApproveGoal: ['GoalAmendmentApproved'],
    ReturnGoal: ['GoalAmendmentReturned'],
  },
  achievementRecorded: { RecordAchievement: ['AchievementRecorded'], ConfirmAchievement: ['AchievementConfirmed'] },
  confirmed: {},
  deleted: {},
};
const historyOf = (state: string): GoalEvent[] => (state === 'none' ? [] : histories[state]);

describe('goal workflow: every command in every state', () => {
  const cases = Object.keys(LEGAL).flatMap((state) => GOAL_COMMAND_TYPES.map((command) => [state, command] as const));

  it.each(cases)('in state %s, %s', (state, command) => {
    const expected = LEGAL[state][command];
    const when = given(historyOf(state)).when(commandOf(command, permittedActor(command)));
    if (expected) {
      const produced = decideGoal(commandOf(command, permittedActor(command)), foldGoal(historyOf(state)), rules);
      expect(produced.map((e) => e.type)).toEqual(expected);
    } else if (state === 'none') {
      when.thenThrows(NotFound);
    } else {
      when.thenThrows(IllegalTransition, (e) => expect(e.state).toBe(state));
    }
  });
});

describe('goal workflow: the steps, event by event', () => {
  it('drafts a goal with every column of the sheet', () => {
    given([]).when(commandOf('DraftGoal', actors.shiminKacho)).then([events.drafted()]);
  });

  it('records only the columns a revision really changes', () => {
    given(histories.draft)
      .when({ type: 'ReviseGoal', by: actors.shiminKacho, data: { changes: { title: goal1.title, deadlineMonth: 3 } } })
      .then([events.revised({ deadlineMonth: 3 })]);
  });

  it('writes nothing for a revision that changes nothing', () => {
    given(histories.draft)
      .when({ type: 'ReviseGoal', by: actors.shiminKacho, data: { changes: { title: goal1.title } } })
      .thenNothingHappens();
  });

  it('returns with the reason and lets the section head revise and resubmit', () => {
    given(histories.submitted)
      .when({ type: 'ReturnGoal', by: actors.bucho, data: { reason: '達成水準を数値で示すこと' } })
      .then([{ type: 'GoalReturned', data: { goalId: 'goal-1', reason: '達成水準を数値で示すこと' } }]);
    const returned = foldGoal(histories.returned) as ExistingGoal;
    expect(returned.status).toBe('returned');
    expect(returned.lastReturnReason).toBe('達成水準を具体的に');
    given(histories.returned).when(commandOf('SubmitGoal', actors.shiminKacho)).then([events.submitted()]);
  });

  it('refuses to return without a reason', () => {
    given(histories.submitted)
      .when({ type: 'ReturnGoal', by: actors.bucho, data: { reason: '  ' } })
      .thenThrows(InvalidInput, (e) =>
        expect(e.errors).toEqual([{ field: 'reason', reason: 'a reason is required', ja: '理由を入力してください' }]),
      );
  });

  it('deletes a draft with its reason, also one withdrawn back to draft, and then refuses every step on it', () => {
    const remove = { type: 'DeleteGoal' as const, by: actors.shiminKacho, data: { reason: '二重に作成したため' } };
    given(histories.draft).when(remove).then([events.deleted()]);
    given([events.drafted(), events.submitted(), events.withdrawn()]).when(remove).then([events.deleted()]);
    expect(foldGoal(histories.deleted)).toMatchObject({ status: 'deleted', sheetId: 'sheet-r4' });
    given(histories.deleted)
      .when(commandOf('SubmitGoal', actors.shiminKacho))
      .thenThrows(IllegalTransition, (e) => expect(e.state).toBe('deleted'));
  });

  it('refuses to delete without a reason', () => {
    given(histories.draft)
      .when({ type: 'DeleteGoal', by: actors.shiminKacho, data: { reason: ' ' } })
      .thenThrows(InvalidInput, (e) => expect(e.errors[0].field).toBe('reason'));
  });

  it('keeps the approved text in force while an amendment waits, and applies it once approved', () => {
    const pending = foldGoal(histories['approved (amendment pending)']) as ExistingGoal;
    expect(pending.content.deadlineMonth).toBe(2);
    expect(pending.pendingAmendment).toEqual({ changes: { deadlineMonth: 3 }, reason: 'システム改修の遅れ' });
    const produced = decideGoal(commandOf('ApproveGoal', actors.bucho), pending, rules);
    expect(produced).toEqual([
      { type: 'GoalAmendmentApproved', data: { goalId: 'goal-1', changes: { deadlineMonth: 3 } } },
    ]);
    const amended = produced.reduce(evolveGoal, pending as GoalState) as ExistingGoal;
    expect(amended).toMatchObject({ status: 'approved', content: { deadlineMonth: 3 }, pendingAmendment: undefined });
  });

  it('discards a returned amendment and keeps the approved text', () => {
    const after = foldGoal([
      ...histories['approved (amendment pending)'],
      { type: 'GoalAmendmentReturned', data: { goalId: 'goal-1', reason: '現行のままで' } },
    ]) as ExistingGoal;
    expect(after).toMatchObject({
      status: 'approved',
      content: { deadlineMonth: 2 },
      pendingAmendment: undefined,
      lastReturnReason: '現行のままで',
    });
  });

  it('refuses a second amendment while one waits, naming why', () => {
    given(histories['approved (amendment pending)'])
      .when(commandOf('AmendGoal', actors.shiminKacho))
      .thenThrows(IllegalTransition, (e) => expect(e.message).toContain('already waiting'));
  });

  it('refuses an amendment that changes nothing', () => {
    given(histories.approved)
      .when({ type: 'AmendGoal', by: actors.shiminKacho, data: { changes: { deadlineMonth: 2 }, reason: '念のため' } })
      .thenThrows(InvalidInput);
  });

  it('lets the department head confirm the achievement as recorded, or adjust it', () => {
    given(histories.achievementRecorded)
      .when({ type: 'ConfirmAchievement', by: actors.bucho, data: {} })
      .then([
        {
          type: 'AchievementConfirmed',
          data: { goalId: 'goal-1', level: 'ほぼ達成した', recordedLevel: 'ほぼ達成した' },
        },
      ]);
    given(histories.achievementRecorded)
      .when({ type: 'ConfirmAchievement', by: actors.bucho, data: { level: '一部達成した' } })
      .then([
        {
          type: 'AchievementConfirmed',
          data: { goalId: 'goal-1', level: '一部達成した', recordedLevel: 'ほぼ達成した' },
        },
      ]);
  });

  it('accepts only levels of the configured scale', () => {
    given(histories.approved)
      .when({ type: 'RecordAchievement', by: actors.shiminKacho, data: { level: 'だいたいできた' } })
      .thenThrows(InvalidInput, (e) => expect(e.errors[0].field).toBe('level'));
  });

  it.each([
    ['計画通り', 'taken'],
    ['評価不能', 'taken'],
    ['ほぼ達成した', 'refused'],
  ])('on a year rated 計画以上〜計画未満 with 評価不能, 実績登録 %s is %s', (level, outcome) => {
    const plan = SCALE_PRESETS.find((p) => p.id === 'plan')!.scale;
    const yearRules = { ...rules, achievementScale: selectableLevels(plan) };
    const decide = () =>
      decideGoal(
        { type: 'RecordAchievement', by: actors.shiminKacho, data: { level } },
        foldGoal(histories.approved),
        yearRules,
      );
    if (outcome === 'taken')
      expect(decide()).toEqual([{ type: 'AchievementRecorded', data: { goalId: 'goal-1', level } }]);
    else
      expect(decide).toThrow(
        expect.objectContaining({
          errors: [
            expect.objectContaining({
              field: 'level',
              ja: '達成度を選んでください（計画以上、計画通り、計画未満、評価不能）',
            }),
          ],
        }),
      );
  });

  it('names every invalid column of a draft at once', () => {
    const bad: GoalContent = {
      ...goal1,
      title: ' ',
      category: '思いつき',
      deadlineMonth: 13,
      sections: sectionIds('市民課', '宇宙課'),
    };
    given([])
      .when(commandOf('DraftGoal', actors.shiminKacho, bad))
      .thenThrows(InvalidInput, (e) =>
        expect(e.errors.map((x) => x.field)).toEqual(['title', 'category', 'deadlineMonth', 'sections']),
      );
  });

  it('refuses 共通 mixed with sections', () => {
    given([])
      .when(commandOf('DraftGoal', actors.bucho, { ...goal1, sections: sectionIds(COMMON_SECTION, '市民課') }))
      .thenThrows(InvalidInput);
  });
});

describe('who may do what: every role × command', () => {
  /** In the state where the command is legal, so only the permission decides. */
  const stateFor = (command: GoalCommandType) =>
    Object.keys(LEGAL).find((s) => LEGAL[s][command] && (command !== 'WithdrawGoal' || s === 'submitted'))!;

  const run = (command: GoalCommandType, by: Actor, content: GoalContent) => {
    const history =
      stateFor(command) === 'none'
        ? []
        : historyOf(stateFor(command)).map((e, i) => (i === 0 ? events.drafted(content) : e));
    return () => decideGoal(commandOf(command, by, content), foldGoal(history), rules);
  };

  const expectations: Record<
    string,
    { actor: Actor; content: GoalContent; author: string | null; decide: string | null }
  > = {
    'section head of the goal': {
      actor: actors.shiminKacho,
      content: goal1,
      author: null,
      decide: 'department-head-decides',
    },
    'section head of another section': {
      actor: actors.keizaiKacho,
      content: goal1,
      author: 'own-section',
      decide: 'department-head-decides',
    },
    'one of the sections of a shared goal (goal 19)': {
      actor: actors.bunkaKacho,
      content: { ...goal1, sections: sectionIds('協働コミュニティ課', '文化振興課', '人権平和課', 'スポーツ振興課') },
      author: null,
      decide: 'department-head-decides',
    },
    'section head on a 共通 goal': {
      actor: actors.shiminKacho,
      content: { ...goal1, sections: [COMMON_SECTION] },
      author: 'common-goal-belongs-to-department-head',
      decide: 'department-head-decides',
    },
    'department head on a section goal': {
      actor: actors.bucho,
      content: goal1,
      author: 'section-goal-belongs-to-section-head',
      decide: null,
    },
    'department head on a 共通 goal': {
      actor: actors.bucho,
      content: { ...goal1, sections: [COMMON_SECTION] },
      author: null,
      decide: null,
    },
    'head of another department': {
      actor: actors.otherBucho,
      content: goal1,
      author: 'own-department',
      decide: 'own-department',
    },
    auditor: { actor: actors.auditor, content: goal1, author: 'auditor-read-only', decide: 'auditor-read-only' },
    admin: { actor: actors.admin, content: goal1, author: 'admin-directory-only', decide: 'admin-directory-only' },
  };

  const cases = Object.entries(expectations).flatMap(([who, e]) =>
    GOAL_COMMAND_TYPES.map((command) => [who, command, e] as const),
  );

  it.each(cases)('%s: %s', (_who, command, e) => {
    const refusedBy = DECISIONS.includes(command) ? e.decide : e.author;
    const attempt = run(command, e.actor, e.content);
    if (refusedBy === null) {
      expect(attempt().length).toBeGreaterThan(0);
    } else {
      let error: unknown;
      try {
        attempt();
      } catch (x) {
        error = x;
      }
      expect(error).toBeInstanceOf(NotAllowed);
      expect((error as NotAllowed).rule).toBe(refusedBy);
    }
  });

  it('does not let a section head move a shared goal out of their own sections', () => {
    const shared = { ...goal1, sections: sectionIds('市民課', '経済課') };
    given([events.drafted(shared)])
      .when({ type: 'ReviseGoal', by: actors.shiminKacho, data: { changes: { sections: sectionIds('経済課') } } })
      .thenThrows(NotAllowed, (e) => expect(e.rule).toBe('own-section'));
  });

  it('lets the 課長 of the section that took over a merged one act on its goals (lineage)', () => {
    // 市民課 and 経済課 became 市民経済課 on 4月1日; last year's 市民課 goal is rated by its 課長.
    const merged: Actor = {
      ...actors.shiminKacho,
      userId: 'kacho-shimin-keizai',
      post: { ...actors.shiminKacho.post!, sectionIds: ['sec-merged'] },
    };
    const rate = { type: 'RecordAchievement' as const, by: merged, data: { level: 'ほぼ達成した' } };
    const carriedBy = (ids: readonly string[]) => ids.map((id) => (id === sectionIds('市民課')[0] ? 'sec-merged' : id));
    expect(decideGoal(rate, foldGoal(histories.approved), { ...rules, carriedBy })).toEqual([
      { type: 'AchievementRecorded', data: { goalId: 'goal-1', level: 'ほぼ達成した' } },
    ]);
    expect(() => decideGoal(rate, foldGoal(histories.approved), rules)).toThrow(NotAllowed);
  });

  it('lets the 課長 of a section moved to another department finish its goals, but not decide them', () => {
    // 市民課 moved to dep-0002 on 4月1日 (same section id): last year's goal is still its 課長's to rate.
    const moved: Actor = { ...actors.shiminKacho, post: { ...actors.shiminKacho.post!, departmentId: 'dep-0002' } };
    const rate = { type: 'RecordAchievement' as const, by: moved, data: { level: 'ほぼ達成した' } };
    expect(decideGoal(rate, foldGoal(histories.approved), rules)).toEqual([
      { type: 'AchievementRecorded', data: { goalId: 'goal-1', level: 'ほぼ達成した' } },
    ]);
    const movedHead: Actor = { ...moved, role: 'departmentHead', post: { ...moved.post!, kind: 'departmentHead' } };
    given([events.drafted(), events.submitted()])
      .when({ type: 'ApproveGoal', by: movedHead, data: {} })
      .thenThrows(NotAllowed, (e) => expect(e.rule).toBe('own-department'));
  });

  it('compares the ids of the post held today, and names the sections in the refusal', () => {
    // Same names, another department's 市民課: the names alone would have let it through.
    const elsewhere: Actor = {
      ...actors.shiminKacho,
      post: { ...actors.shiminKacho.post!, departmentId: 'dep-0002', sectionIds: ['sec-other-shimin'] },
    };
    given([events.drafted()])
      .when({ type: 'SubmitGoal', by: elsewhere, data: {} })
      .thenThrows(NotAllowed, (e) =>
        expect([e.rule, e.message]).toEqual(['own-department', 'kacho-shimin does not belong to 市民生活部']),
      );
    given([events.drafted(), events.submitted(), events.returned()])
      .when({ type: 'ReviseGoal', by: actors.keizaiKacho, data: { changes: { title: '別の題' } } })
      .thenThrows(NotAllowed, (e) => expect(e.message).toBe('kacho-keizai works for none of 市民課'));
  });
});

describe('決裁: nobody decides their own proposal, in any capacity', () => {
  const keizaiGoal = { ...goal1, sections: sectionIds('経済課') };
  const underDelegation: ActingFor = {
    department: '市民生活部',
    departmentId: rules.department.departmentId,
    onBehalfOf: 'bucho',
    delegationId: 'del-1',
  };
  const clerk: Actor = {
    userId: 'shomu-shimin',
    role: 'clerk',
    department: '市民生活部',
    sections: ['市民課'],
    post: {
      kind: 'clerk',
      title: '市民課庶務担当',
      departmentId: rules.department.departmentId,
      sectionIds: sectionIds('市民課'),
    },
  };
  const by = (userId: string) => ({ metadata: { actor: { userId } } });
  const recorded = {
    submission: [
      { type: 'GoalDrafted', ...by('kacho-keizai') },
      { type: 'GoalSubmitted', ...by('kacho-keizai') },
    ],
    amendment: [
      { type: 'GoalDrafted', ...by('kacho-shimin') },
      { type: 'GoalSubmitted', ...by('kacho-shimin') },
      { type: 'GoalApproved', ...by('bucho') },
      { type: 'GoalAmendmentRequested', ...by('kacho-keizai') },
    ],
    achievement: [
      { type: 'GoalDrafted', ...by('kacho-shimin') },
      { type: 'GoalSubmitted', ...by('kacho-shimin') },
      { type: 'GoalApproved', ...by('bucho') },
      { type: 'AchievementRecorded', ...by('kacho-keizai') },
    ],
  };
  const DECISION_CASES = [
    ['ApproveGoal', 'submitted', recorded.submission, '自ら提出した目標を自ら決裁することはできません'],
    ['ReturnGoal', 'submitted', recorded.submission, '自ら提出した目標を自ら決裁することはできません'],
    [
      'ApproveGoal',
      'approved (amendment pending)',
      recorded.amendment,
      '自ら提出した目標を自ら決裁することはできません',
    ],
    [
      'ReturnGoal',
      'approved (amendment pending)',
      recorded.amendment,
      '自ら提出した目標を自ら決裁することはできません',
    ],
    [
      'ConfirmAchievement',
      'achievementRecorded',
      recorded.achievement,
      '自ら記録した達成状況を自ら確認することはできません',
    ],
  ] as const;

  it.each(DECISION_CASES)(
    '%s in state %s: refused to its proposer deciding under 代決',
    (type, state, history, message) => {
      const proposedBy = proposersOf(history, type);
      expect(proposedBy).toContain('kacho-keizai');
      given(historyOf(state))
        .when({ ...commandOf(type, actors.keizaiKacho), actingFor: underDelegation, proposedBy })
        .thenThrows(NotAllowed, (e) => expect([e.rule, e.ja]).toEqual(['no-self-decision', message]));
    },
  );

  it.each(DECISION_CASES)('%s in state %s: refused to its proposer as department head too', (type, state, history) => {
    // A 課長 who has since become the 部長 still does not decide what they proposed as 課長.
    const proposedBy = proposersOf(history, type).map((id) => (id === 'kacho-keizai' ? 'bucho' : id));
    given(historyOf(state))
      .when({ ...commandOf(type, actors.bucho), proposedBy })
      .thenThrows(NotAllowed, (e) => expect(e.rule).toBe('no-self-decision'));
  });

  it.each(DECISION_CASES)('%s in state %s: another delegate or the head decides it', (type, state, history) => {
    const proposedBy = proposersOf(history, type);
    const bunka = { ...commandOf(type, actors.bunkaKacho), actingFor: underDelegation, proposedBy };
    expect(decideGoal(bunka, foldGoal(historyOf(state)), rules).length).toBe(1);
    expect(decideGoal({ ...commandOf(type, actors.bucho), proposedBy }, foldGoal(historyOf(state)), rules).length).toBe(
      1,
    );
  });

  it('refuses a delegate deciding a goal of their own 課, even one they did not submit (the 経済課長 on a 経済課 goal)', () => {
    given([events.drafted(keizaiGoal), events.submitted()])
      .when({
        ...commandOf('ApproveGoal', actors.keizaiKacho),
        actingFor: underDelegation,
        proposedBy: ['kacho-former'],
      })
      .thenThrows(NotAllowed, (e) =>
        expect([e.rule, e.ja]).toEqual(['no-self-decision', '自らの課（経済課）の目標を代決することはできません']),
      );
  });

  it('refuses a 庶務担当 who drafted the goal deciding it under 代決', () => {
    const history = [
      { type: 'GoalDrafted', ...by('shomu-shimin') },
      { type: 'GoalSubmitted', ...by('kacho-shimin') },
    ];
    const proposedBy = proposersOf(history, 'ApproveGoal');
    expect(proposedBy).toEqual(['shomu-shimin', 'kacho-shimin']);
    // The clerk's own 課 is refused first; a clerk of another 課 who drafted it is refused as its proposer.
    const elsewhere: Actor = { ...clerk, post: { ...clerk.post!, sectionIds: sectionIds('経済課') } };
    given(histories.submitted)
      .when({ ...commandOf('ApproveGoal', elsewhere), actingFor: underDelegation, proposedBy })
      .thenThrows(NotAllowed, (e) => expect(e.ja).toBe('自ら提出した目標を自ら決裁することはできません'));
  });

  it('lets the department head decide the 共通 goal they wrote themselves: the sheet is theirs', () => {
    const common = { ...goal1, sections: [COMMON_SECTION] };
    const produced = decideGoal(
      { ...commandOf('ApproveGoal', actors.bucho), proposedBy: ['bucho'] },
      foldGoal([events.drafted(common), events.submitted()]),
      rules,
    );
    expect(produced.map((e) => e.type)).toEqual(['GoalApproved']);
  });

  it('reads whose proposal it is from the recorded events: an approval starts a new proposal', () => {
    const history = [
      { type: 'GoalDrafted', ...by('kacho-old') },
      { type: 'GoalSubmitted', ...by('kacho-old') },
      { type: 'GoalApproved', ...by('bucho') },
      { type: 'GoalAmendmentRequested', ...by('kacho-new') },
      { type: 'GoalAmendmentReturned', ...by('bucho') },
      { type: 'GoalAmendmentRequested', ...by('kacho-newer') },
    ];
    expect(proposersOf(history, 'ApproveGoal')).toEqual(['kacho-newer']);
    expect(proposersOf(history.slice(0, 2), 'ReturnGoal')).toEqual(['kacho-old']);
    expect(proposersOf(history, 'SubmitGoal')).toEqual([]);
    expect(
      proposersOf([...history.slice(0, 3), { type: 'AchievementRecorded', ...by('kacho-new') }], 'ConfirmAchievement'),
    ).toEqual(['kacho-new']);
  });
});
