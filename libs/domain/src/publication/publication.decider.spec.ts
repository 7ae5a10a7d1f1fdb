import { IllegalTransition, InvalidInput, NotAllowed } from '../errors';
import { actors, departmentIds, goal1 } from '../testing/fixtures';
import { deciderSpecification } from '../testing/decider-specification';
import {
  canonicalPublicationText,
  decidePublication,
  evolvePublication,
  initialPublicationState,
  matchesHash,
  publicationNotes,
  PublicationState,
  PublishSheet,
  SheetAtPosition,
} from './publication.decider';
import { PublicationEvent, SheetPublished } from './publication.events';

// A stand-in digest that still depends on every character, so a test sees which text was hashed.
const tools = {
  sha256Hex: (text: string) => `h${text.length}:${[...text].reduce((a, c) => (a * 31 + c.codePointAt(0)!) % 1e9, 7)}`,
};

const { given } = deciderSpecification<PublishSheet, PublicationState, PublicationEvent>({
  decide: (c, s) => decidePublication(c, s, tools),
  evolve: evolvePublication,
  initialState: initialPublicationState,
});

const sheet = (goals: SheetAtPosition['goals']): SheetAtPosition => ({
  sheetId: 's-1',
  departmentId: departmentIds.市民生活部,
  department: '市民生活部',
  fiscalYear: 2022,
  createdOn: '2022-04-01',
  headTitle: '市民生活部長',
  headName: '山田 太郎',
  goals,
});

const approved = {
  number: 1,
  status: 'approved' as const,
  content: { ...goal1, sections: ['市民課'] },
  hasPendingAmendment: false,
};
const draft = {
  number: 2,
  status: 'draft' as const,
  content: { ...goal1, title: '下書きの目標', sections: ['市民課'] },
  hasPendingAmendment: false,
};
const confirmed = {
  number: 3,
  status: 'confirmed' as const,
  content: { ...goal1, title: '確認済みの目標', sections: ['共通'] },
  confirmedAchievement: 'ほぼ達成した',
  hasPendingAmendment: false,
};

const publish = (kind: string, goals = [approved, draft, confirmed], by = actors.bucho): PublishSheet => ({
  type: 'PublishSheet',
  data: {
    kind,
    publicationId: `p-${kind}`,
    position: '42',
    publishedAt: '2022-07-01T00:00:00.000Z',
    sheet: sheet(goals),
  },
  by,
});

function published(kind: 'setting' | 'result', version: number): SheetPublished {
  const [event] = decidePublication(publish(kind), initialPublicationState(), tools);
  return {
    ...event,
    data: { ...event.data, content: { ...event.data.content, version, publicationId: `old-${version}` } },
  };
}

describe('publishing a sheet (公表)', () => {
  it('publishes approved goals only: a draft never leaks', () => {
    const [event] = decidePublication(publish('setting'), initialPublicationState(), tools);
    expect(event.data.content.goals.map((g) => g.number)).toEqual([1, 3]);
    expect(JSON.stringify(event)).not.toContain('下書きの目標');
  });

  it('shows 達成状況 only on a 結果 publication, and only when the 部長 confirmed it', () => {
    const [setting] = decidePublication(publish('setting'), initialPublicationState(), tools);
    const [result] = decidePublication(publish('result'), initialPublicationState(), tools);
    expect(setting.data.content.goals.map((g) => g.achievement)).toEqual([null, null]);
    expect(result.data.content.goals.map((g) => g.achievement)).toEqual([null, 'ほぼ達成した']);
  });

  it('hashes the canonical text of exactly the published content', () => {
    const [event] = decidePublication(publish('setting'), initialPublicationState(), tools);
    expect(event.data.contentHash).toBe(tools.sha256Hex(canonicalPublicationText(event.data.content)));
    const reordered = JSON.parse(JSON.stringify(event.data.content), (_k, v) =>
      v && typeof v === 'object' && !Array.isArray(v) ? Object.fromEntries(Object.entries(v).reverse()) : v,
    );
    expect(canonicalPublicationText(reordered)).toBe(canonicalPublicationText(event.data.content));
  });

  it('counts versions per kind: a second 目標設定時 is v2, the first 結果 is v1', () => {
    const after = [published('setting', 1)];
    given(after)
      .when(publish('setting'))
      .then([
        expect.objectContaining({
          data: expect.objectContaining({ content: expect.objectContaining({ version: 2 }) }),
        }),
      ]);
    given(after)
      .when(publish('result'))
      .then([
        expect.objectContaining({
          data: expect.objectContaining({ content: expect.objectContaining({ version: 1 }) }),
        }),
      ]);
  });

  it('is the 部長 of that department only', () => {
    given([])
      .when(publish('setting', undefined, actors.shiminKacho))
      .thenThrows(NotAllowed);
    given([])
      .when(publish('setting', undefined, actors.otherBucho))
      .thenThrows(NotAllowed);
    given([])
      .when(publish('setting', undefined, actors.auditor))
      .thenThrows(NotAllowed);
  });

  it('refuses an unknown kind, and a sheet with nothing approved, in Japanese', () => {
    given([])
      .when(publish('final'))
      .thenThrows(InvalidInput, (e) => expect(e.errors[0].field).toBe('kind'));
    given([])
      .when(publish('setting', [draft]))
      .thenThrows(IllegalTransition, (e) => expect(e.message).toContain('承認済みの目標がまだない'));
  });

  it('refuses up front what the store could not take in one write', () => {
    const long = Array.from({ length: 300 }, (_, i) => ({
      ...approved,
      number: i + 1,
      content: { ...approved.content, targetLevel: 'あ'.repeat(2000), method: 'い'.repeat(2000) },
    }));
    given([])
      .when(publish('setting', long))
      .thenThrows(InvalidInput, (e) => expect(e.message).toContain('大きすぎます'));
  });

  it('tells the 部長 in the preview what is left out and what keeps its approved text', () => {
    const pending = { ...approved, number: 4, hasPendingAmendment: true };
    expect(publicationNotes(sheet([approved, draft, pending]))).toEqual([
      `番号2「下書きの目標」は承認されていないため公表されません。`,
      `番号4「${goal1.title}」は変更の承認待ちのため、承認済みの内容で公表されます。`,
    ]);
  });

  it('finds a publication by its printed short hash, never by a few characters', () => {
    const hash = 'ab12cd34ef56'.padEnd(64, '0');
    expect(matchesHash(hash, 'AB12CD34')).toBe(true);
    expect(matchesHash(hash, hash)).toBe(true);
    expect(matchesHash(hash, 'ab12')).toBe(false);
    expect(matchesHash(hash, 'ab12cd35')).toBe(false);
  });
});
