import type { ReactNode } from 'react';
import { NavLink, Route, Routes } from 'react-router';
import { OrganisationPage } from './organisation/organisation-page';
import { PeoplePage } from './people/people-page';
import { RemindersPage } from './reminders/reminders-page';
import { RosterPage } from './roster/roster-page';
import { ScalesPage } from './scales/scales-page';

/** A screen of the 管理 menu that another feature provides (代決, 整理表の取込み): the app composes them. */
export interface AdminScreen {
  path: string;
  label: string;
  element: ReactNode;
}

/**
 * 管理者: the city's organisation, its people and posts, the roster, and failed reminders; the screens
 * other features own (代決, 整理表の取込み) are handed in, so no feature imports another.
 */
export default function AdminPage({
  delegations,
  sheetImport,
}: {
  delegations: AdminScreen;
  sheetImport: AdminScreen;
}) {
  const screens: AdminScreen[] = [
    { path: '', label: '組織', element: <OrganisationPage /> },
    { path: 'people', label: '職員と職', element: <PeoplePage /> },
    { path: 'roster', label: '名簿の取込み', element: <RosterPage /> },
    sheetImport,
    delegations,
    { path: 'scales', label: '達成度の区分', element: <ScalesPage /> },
    { path: 'reminders', label: '送信できなかった通知', element: <RemindersPage /> },
  ];
  return (
    <>
      <h1>管理</h1>
      <nav aria-label="管理メニュー" className="subnav">
        <ul>
          {screens.map((s) => (
            <li key={s.path}>
              <NavLink to={s.path ? `/admin/${s.path}` : '/admin'} end>
                {s.label}
              </NavLink>
            </li>
          ))}
        </ul>
      </nav>
      <Routes>
        {screens.map((s) => (
          <Route key={s.path} index={s.path === ''} path={s.path || undefined} element={s.element} />
        ))}
        <Route path="*" element={<p>ページが見つかりません。</p>} />
      </Routes>
    </>
  );
}
