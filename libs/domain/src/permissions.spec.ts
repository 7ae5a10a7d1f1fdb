import { Actor } from './directory';
import { NotAllowed } from './errors';
import { GoalCommandType } from './goal/goal.commands';
import {
  authorizeDelegation,
  authorizeGoalCommand,
  authorizeOverview,
  authorizeSheetCommand,
  authorizeSheetImport,
  DelegationCommandType,
  mayReadDepartment,
  mayReadGoal,
  SheetCommandType,
} from './permissions';
import { actors, departmentIds, sectionIds } from './testing/fixtures';

/** 企画担当: the planning office's post, held by a person of 企画政策課 but deciding nothing on any sheet. */
const kikaku: Actor = {
  userId: 'kikaku',
  role: 'planning',
  sections: [],
  post: { kind: 'planning', title: '企画担当' },
};

const shiminGoal = { departmentId: departmentIds.市民生活部, sections: sectionIds('市民課') };
const commonGoal = { departmentId: departmentIds.市民生活部, sections: ['共通'] };

/** The rule and the refusal as a person reads it (Japanese). */
function refusal(act: () => void): { rule: string; message: string } | undefined {
  try {
    act();
    return undefined;
  } catch (e) {
    if (!(e instanceof NotAllowed)) throw e;
    return { rule: e.rule, message: e.ja ?? e.message };
  }
}

describe('企画担当 (planning): reads the whole city, writes nothing', () => {
  const goalCommands: GoalCommandType[] = [
    'DraftGoal',
    'ReviseGoal',
    'SubmitGoal',
    'WithdrawGoal',
    'ApproveGoal',
    'ReturnGoal',
    'RecordAchievement',
    'ConfirmAchievement',
  ];
  it.each(
    goalCommands.flatMap((c) => [[c, 'a section goal', shiminGoal] as const, [c, 'a 共通 goal', commonGoal] as const]),
  )('refuses %s on %s with a Japanese reason', (command, _what, goal) => {
    const refused = refusal(() => authorizeGoalCommand(kikaku, command, goal));
    expect(refused?.message).toMatch(/企画担当.*書き込むことはできません/);
  });

  const sheetCommands: SheetCommandType[] = ['OpenSheet', 'RenumberGoals', 'ImportSheet'];
  it.each(sheetCommands)('refuses the sheet command %s', (command) => {
    expect(
      refusal(() => authorizeSheetCommand(kikaku, command, { departmentId: departmentIds.市民生活部 }))?.message,
    ).toMatch(/企画担当/);
  });

  it('refuses bringing in an old sheet, which an administrator may do', () => {
    expect(refusal(() => authorizeSheetImport(kikaku, { departmentId: departmentIds.市民生活部 }))?.message).toMatch(
      /企画担当/,
    );
    expect(
      refusal(() => authorizeSheetImport(actors.admin, { departmentId: departmentIds.市民生活部 })),
    ).toBeUndefined();
  });

  const delegationCommands: DelegationCommandType[] = [
    'GrantDelegation',
    'RevokeDelegation',
    'AcknowledgeDelegatedDecision',
  ];
  it.each(delegationCommands)('refuses the delegation command %s', (command) => {
    expect(
      refusal(() => authorizeDelegation(kikaku, command, { departmentId: departmentIds.市民生活部 }))?.message,
    ).toMatch(/企画担当/);
  });

  it.each([
    ['市民生活部', departmentIds.市民生活部],
    ['福祉部', departmentIds.福祉部],
  ])('reads %s and its goals', (_name, departmentId) => {
    expect(mayReadDepartment(kikaku, departmentId)).toBe(true);
    expect(mayReadGoal(kikaku, { departmentId, sections: ['共通'] })).toBe(true);
  });
});

describe('全庁の状況: who may see every department side by side', () => {
  it.each([
    ['企画担当', kikaku, true],
    ['監査', actors.auditor, true],
    ['部長', actors.bucho, false],
    ['課長', actors.shiminKacho, false],
    ['管理者', actors.admin, false],
  ] as const)('%s', (_who, actor, allowed) => {
    const refused = refusal(() => authorizeOverview(actor));
    if (allowed) expect(refused).toBeUndefined();
    else expect(refused?.message).toBe('全庁の状況は企画担当と監査だけが見られます');
  });

  it('a 部長 still reads only their own department', () => {
    expect(mayReadDepartment(actors.bucho, departmentIds.市民生活部)).toBe(true);
    expect(mayReadDepartment(actors.bucho, departmentIds.福祉部)).toBe(false);
  });
});
