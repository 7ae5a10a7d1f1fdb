import { todayInTokyo } from '../../../lib/wareki';
import { useEffect, useState } from 'react';
import { ErrorBanner } from '../../../ui/forms';
import { heldOn, usePeople } from '../../../api/queries';
import { ScrollBox, TextField } from '../../../ui/fields';
import { PersonPanel } from './person-panel';
import { PostHolders } from './post-holders';
import { RegisterPersonForm } from './register-person-form';

/** 職員と職: the people, their posts, and who holds which post on a chosen day. */
export function PeoplePage() {
  const people = usePeople();
  const [day, setDay] = useState(todayInTokyo());
  const [search, setSearch] = useState('');
  const [selected, setSelected] = useState<string>();
  const [view, setView] = useState<'people' | 'posts'>('people');
  const validDay = /^\d{4}-\d{2}-\d{2}$/.test(day) ? day : todayInTokyo();
  const all = people.data ?? [];
  const words = search.trim().toLowerCase();
  const shown = all.filter(
    (p) =>
      !words ||
      [p.name, p.loginId, p.employeeNumber ?? '', p.email ?? ''].some((v) => v.toLowerCase().includes(words)) ||
      p.posts.some((post) => heldOn(post, validDay) && post.title.includes(search.trim())),
  );
  const person = all.find((p) => p.personId === selected);
  useEffect(() => {
    if (selected) document.getElementById('person-heading')?.focus();
  }, [selected]);
  return (
    <>
      <h2>職員と職</h2>
      <div className="toolbar">
        <TextField label="基準日" type="date" value={day} onChange={setDay} hint="この日の職を表示します" />
        <TextField
          label="検索"
          type="search"
          value={search}
          onChange={setSearch}
          hint="氏名・ログインID・職員番号・職"
        />
      </div>
      <div className="tabs" role="group" aria-label="表示">
        <button
          type="button"
          className="button button-secondary"
          aria-pressed={view === 'people'}
          onClick={() => setView('people')}
        >
          職員一覧
        </button>
        <button
          type="button"
          className="button button-secondary"
          aria-pressed={view === 'posts'}
          onClick={() => setView('posts')}
        >
          職ごとの在職者
        </button>
      </div>
      <ErrorBanner error={people.error} onRetry={() => void people.refetch()} />
      {people.isPending && <p className="loading">読み込み中…</p>}
      {view === 'posts' && people.isSuccess && <PostHolders people={all} day={validDay} />}
      {view === 'people' && people.isSuccess && (
        <div className="people-layout">
          <ScrollBox label="職員一覧の表">
            <table className="table">
              <caption className="visually-hidden">職員一覧（{shown.length}人）</caption>
              <thead>
                <tr>
                  <th scope="col">氏名</th>
                  <th scope="col">ログインID</th>
                  <th scope="col">職員番号</th>
                  <th scope="col">基準日の職</th>
                  <th scope="col">操作</th>
                </tr>
              </thead>
              <tbody>
                {shown.map((p) => (
                  <tr key={p.personId} aria-current={p.personId === selected ? 'true' : undefined}>
                    <th scope="row">{p.name}</th>
                    <td>{p.loginId}</td>
                    <td>{p.employeeNumber ?? ''}</td>
                    <td>
                      {p.posts
                        .filter((post) => heldOn(post, validDay))
                        .map((post) => post.title)
                        .join('、') || <span className="meta">なし</span>}
                    </td>
                    <td>
                      <button
                        type="button"
                        className="button button-secondary button-small"
                        aria-label={`${p.name}さんの職`}
                        onClick={() => setSelected(p.personId)}
                      >
                        職を見る
                      </button>
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
            {shown.length === 0 && <p>該当する職員はいません。</p>}
          </ScrollBox>
          <div>
            {person ? (
              <PersonPanel key={person.personId} person={person} day={validDay} />
            ) : (
              <p className="card meta">職員の「職を見る」を押すと、職の発令・終了ができます。</p>
            )}
          </div>
        </div>
      )}
      <RegisterPersonForm onRegistered={setSelected} />
    </>
  );
}
