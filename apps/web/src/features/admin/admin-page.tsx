import { NavLink, Route, Routes } from 'react-router';
import { DelegationsPage } from './delegations/delegations-page';
import { OrganisationPage } from './organisation/organisation-page';
import { PeoplePage } from './people/people-page';
import { RemindersPage } from './reminders/reminders-page';
import { RosterPage } from './roster/roster-page';

const SCREENS = [
  { path: '', label: '組織', element: <OrganisationPage /> },
  { path: 'people', label: '職員と職', element: <PeoplePage /> },
  { path: 'roster', label: '名簿の取込み', element: <RosterPage /> },
  { path: 'delegations', label: '代決', element: <DelegationsPage /> },
  { path: 'reminders', label: '送信できなかった通知', element: <RemindersPage /> },
];

/** 管理者: the city's organisation, its people and posts, the roster, 代決, and failed reminders. */
export default function AdminPage() {
  return (
    <>
      <h1>管理</h1>
      <nav aria-label="管理メニュー" className="subnav">
        <ul>
          {SCREENS.map((s) => (
            <li key={s.path}>
              <NavLink to={s.path ? `/admin/${s.path}` : '/admin'} end>
                {s.label}
              </NavLink>
            </li>
          ))}
        </ul>
      </nav>
      <Routes>
        {SCREENS.map((s) => (
          <Route key={s.path} index={s.path === ''} path={s.path || undefined} element={s.element} />
        ))}
        <Route path="*" element={<p>ページが見つかりません。</p>} />
      </Routes>
    </>
  );
}
