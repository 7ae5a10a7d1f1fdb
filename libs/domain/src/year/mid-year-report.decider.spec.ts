import { IllegalTransition, InvalidInput, NotAllowed, NotFound } from '../errors';
import { deciderSpecification } from '../testing/decider-specification';
import { actors, departmentIds, sectionIds } from '../testing/fixtures';
import {
  decideMidYearReport,
  evolveMidYearReport,
  foldMidYearReport,
  initialMidYearReportState,
  MidYearReportCommand,
  MidYearReportContext,
  MidYearReportState,
} from './mid-year-report.decider';
import { MidYearReportEvent } from './year.events';

const [shimin] = sectionIds('市民課');
const base: MidYearReportContext = {
  sheetId: 's-r4',
  windowNumber: 1,
  window: { sheetId: 's-r4', number: 1, opensOn: '2022-09-01', closesOn: '2022-10-14' },
  today: '2022-09-20',
  departmentId: departmentIds.市民生活部,
  department: '市民生活部',
  sectionId: shimin,
  section: '市民課',
  approvedGoals: [
    { goalId: 'g1', number: 1 },
    { goalId: 'g2', number: 2 },
  ],
  yearClosed: false,
};
const spec = (context: Partial<MidYearReportContext> = {}) =>
  deciderSpecification<MidYearReportCommand, MidYearReportState, MidYearReportEvent>({
    decide: (c, s) => decideMidYearReport(c, s, { ...base, ...context }),
    evolve: evolveMidYearReport,
    initialState: initialMidYearReportState,
  }).given;

const key = { sheetId: 's-r4', window: 1, sectionId: shimin };
const entries = [
  { goalId: 'g2', progress: 'やや遅れ', comment: 'システム改修の仕様確定が遅れた。11月に発注する' },
  { goalId: 'g1', progress: '順調', comment: '' },
];
const ordered = [
  { goalId: 'g1', progress: '順調', comment: '' },
  { goalId: 'g2', progress: 'やや遅れ', comment: 'システム改修の仕様確定が遅れた。11月に発注する' },
] as const;
const save = (e = entries): MidYearReportCommand => ({
  type: 'SaveMidYearReport',
  data: { entries: e },
  by: actors.shiminKacho,
});
const submit = (e?: typeof entries): MidYearReportCommand => ({
  type: 'SubmitMidYearReport',
  data: e ? { entries: e } : {},
  by: actors.shiminKacho,
});
const saved: MidYearReportEvent = { type: 'MidYearReportSaved', data: { ...key, entries: [...ordered] } };
const submitted: MidYearReportEvent = {
  type: 'MidYearReportSubmitted',
  data: { ...key, entries: [...ordered], late: false },
};
const returned: MidYearReportEvent = {
  type: 'MidYearReportReturned',
  data: { ...key, reason: '遅れの見通しを具体的に' },
};
const confirmed: MidYearReportEvent = { type: 'MidYearReportConfirmed', data: key };

describe('a section’s 中間報告', () => {
  it('is saved as a draft in 番号 order and submitted on time', () => {
    spec()([]).when(save()).then([saved]);
    spec()([saved]).when(submit()).then([submitted]);
  });

  it('is submitted after the 締切日 as late, not refused', () => {
    spec({ today: '2022-10-20' })([saved])
      .when(submit())
      .then([{ ...submitted, data: { ...submitted.data, late: true } }]);
  });

  it.each<[string, Partial<MidYearReportContext>, new (...args: never[]) => Error, string]>([
    ['before the window opens', { today: '2022-08-31' }, IllegalTransition, '令和4年9月1日から'],
    ['in a window never opened', { window: undefined }, NotFound, '第1回'],
    ['in a closed year', { yearClosed: true, closedReason: '年度が締められています' }, IllegalTransition, '締められて'],
  ])('is refused %s', (_when, context, type, words) => {
    spec(context)([])
      .when(save())
      .thenThrows(type, (e) => expect(e.message).toContain(words));
  });

  it('covers only approved goals of the section, and all of them when submitted', () => {
    spec()([])
      .when(save([{ goalId: 'g9', progress: '順調', comment: '' }]))
      .thenThrows(InvalidInput, (e) => expect(e.errors[0]).toMatchObject({ field: 'entries[0].goalId' }));
    spec()([])
      .when(save([{ goalId: 'g1', progress: '良好', comment: '' }]))
      .thenThrows(InvalidInput, (e) => expect(e.errors[0].reason).toContain('順調・やや遅れ・遅れ・完了'));
    spec()([])
      .when(submit([{ goalId: 'g1', progress: '順調', comment: '' }]))
      .thenThrows(InvalidInput, (e) => expect(e.errors[0].reason).toBe('番号2の進捗状況が入力されていません'));
    spec()([])
      .when(
        submit([
          { goalId: 'g1', progress: '順調', comment: '' },
          { goalId: 'g2', progress: '遅れ', comment: ' ' },
        ]),
      )
      .thenThrows(InvalidInput, (e) => expect(e.errors[0].field).toBe('entries[1].comment'));
  });

  it('is returned with a reason, kept while it is edited, and submitted again', () => {
    spec()([saved, submitted])
      .when({ type: 'ReturnMidYearReport', data: { reason: '' }, by: actors.bucho })
      .thenThrows(InvalidInput);
    spec()([saved, submitted])
      .when({ type: 'ReturnMidYearReport', data: { reason: '遅れの見通しを具体的に' }, by: actors.bucho })
      .then([returned]);
    const state = foldMidYearReport([saved, submitted, returned, saved]);
    expect(state.reports[1]).toMatchObject({ status: 'returned', lastReturnReason: '遅れの見通しを具体的に' });
    spec()([saved, submitted, returned, saved]).when(submit()).then([submitted]);
  });

  it('is confirmed once submitted, and then no longer changes', () => {
    spec()([saved, submitted]).when({ type: 'ConfirmMidYearReport', data: {}, by: actors.bucho }).then([confirmed]);
    spec()([saved]).when({ type: 'ConfirmMidYearReport', data: {}, by: actors.bucho }).thenThrows(IllegalTransition);
    spec()([saved, submitted, confirmed])
      .when(save())
      .thenThrows(IllegalTransition, (e) => expect(e.message).toContain('確認済み'));
    spec()([saved, submitted]).when(save()).thenThrows(IllegalTransition);
  });

  it.each([
    ['another section’s head saves', save(), actors.keizaiKacho, 'own-section'],
    ['the 部長 saves', save(), actors.bucho, 'own-section'],
    [
      'a section head confirms',
      { type: 'ConfirmMidYearReport', data: {} },
      actors.shiminKacho,
      'department-head-decides',
    ],
    [
      'another 部長 returns',
      { type: 'ReturnMidYearReport', data: { reason: 'x' } },
      actors.otherBucho,
      'department-head-decides',
    ],
    ['an auditor saves', save(), actors.auditor, 'auditor-read-only'],
  ])('is refused when %s', (_who, command, by, rule) => {
    spec()([saved, submitted])
      .when({ ...(command as MidYearReportCommand), by })
      .thenThrows(NotAllowed, (e) => expect(e.rule).toBe(rule));
  });
});
