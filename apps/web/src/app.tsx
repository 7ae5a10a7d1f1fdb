import { lazy, Suspense } from 'react';
import { NavLink, Navigate, Route, Routes } from 'react-router';
import { setCsrfToken } from './api/client';
import { useSignedIn } from './api/queries';
import type { Me } from './api/views';
import { useLiveUpdates } from './lib/live';
import { MeContext } from './lib/me';
import { SessionWarning } from './lib/session';
import { AppointmentNotice } from './ui/appointments';
import { ROLE_LABEL } from './ui/labels';
import { InboxPage } from './features/inbox/inbox-page';
import { MyGoalsPage } from './features/goals/my-goals-page';
import { MidYearReportPanel } from './features/mid-year/mid-year-report-panel';
import { YearPanel } from './features/mid-year/year-panel';
import { CarryOverEntry } from './features/carry-over/carry-over-entry';

const GoalPage = lazy(() => import('./features/goals/goal-page'));
const NewGoalPage = lazy(() => import('./features/goals/new-goal-page'));
const SheetPage = lazy(() => import('./features/sheets/sheet-page'));
const SheetsPage = lazy(() => import('./features/sheets/sheets-page'));
const AuditPage = lazy(() => import('./features/audit/audit-page'));
const CarryOverPage = lazy(() => import('./features/carry-over/carry-over-page'));
const AdminPage = lazy(() => import('./features/admin/admin-page'));
const DelegationsPage = lazy(() => import('./features/delegations/delegations-page'));
const AdminDelegationsPage = lazy(() => import('./features/delegations/admin-delegations-page'));
const SheetImportPage = lazy(() => import('./features/sheet-import/sheet-import-page'));

/** The 管理 screens other features own, composed here so that no feature imports another. */
const ADMIN_DELEGATIONS = { path: 'delegations', label: '代決', element: <AdminDelegationsPage /> };
const ADMIN_SHEET_IMPORT = { path: 'sheet-import', label: '整理表の取込み', element: <SheetImportPage heading="h2" /> };
// 全庁の状況 and its charts come in a chunk of their own, loaded only when the page is opened.
const OverviewPage = lazy(() => import('./features/overview/overview-page'));
const PublicationsPage = lazy(() => import('./features/publications/publications-page'));

/** 職名 and 氏名 as the header shows them; once only where the directory gives the post's title as the name. */
export function signedInAs(me: Me): string {
  const title = me.posts[0] ?? ROLE_LABEL[me.role];
  return title === me.name ? me.name : `${title} ${me.name}`;
}

export function App() {
  const me = useSignedIn();
  useLiveUpdates(Boolean(me.data));
  if (me.isPending) return <p className="loading">読み込み中…</p>;
  if (me.isError || !me.data)
    return (
      <main className="page">
        <p role="alert">利用者の情報を読み込めませんでした。</p>
        <button type="button" className="button button-secondary" onClick={() => void me.refetch()}>
          再試行
        </button>
      </main>
    );
  setCsrfToken(me.data.csrfToken);
  const role = me.data.role;
  const home =
    role === 'sectionHead'
      ? '/goals'
      : role === 'departmentHead'
        ? '/inbox'
        : role === 'auditor'
          ? '/audit'
          : role === 'planning'
            ? '/overview'
            : '/admin';
  const seesCity = role === 'planning' || role === 'auditor';
  return (
    <MeContext.Provider value={me.data}>
      <a className="skip-link" href="#main">
        本文へ移動
      </a>
      <header className="app-header">
        <div className="app-title">組織目標展開整理表</div>
        <nav aria-label="メインメニュー">
          <ul>
            {role === 'sectionHead' && (
              <li>
                <NavLink to="/goals">課の目標</NavLink>
              </li>
            )}
            {role === 'departmentHead' && (
              <li>
                <NavLink to="/inbox">受信箱</NavLink>
              </li>
            )}
            {role === 'departmentHead' && (
              <li>
                <NavLink to="/goals/new">共通の目標を追加</NavLink>
              </li>
            )}
            {role === 'departmentHead' && (
              <li>
                <NavLink to="/delegations">代決</NavLink>
              </li>
            )}
            {role === 'departmentHead' && (
              <li>
                <NavLink to="/sheets/import">整理表の取込み</NavLink>
              </li>
            )}
            {seesCity && (
              <li>
                <NavLink to="/overview">全庁の状況</NavLink>
              </li>
            )}
            {role !== 'admin' && (
              <li>
                <NavLink to="/sheets">整理表</NavLink>
              </li>
            )}
            {role === 'auditor' && (
              <li>
                <NavLink to="/audit">監査</NavLink>
              </li>
            )}
            {role === 'admin' && (
              <li>
                <NavLink to="/admin">管理</NavLink>
              </li>
            )}
          </ul>
        </nav>
        <div className="app-user">
          <span>{signedInAs(me.data)}</span>
          <form method="post" action="/auth/logout">
            {me.data.csrfToken && <input type="hidden" name="csrfToken" value={me.data.csrfToken} />}
            <button type="submit" className="button button-text">
              ログアウト
            </button>
          </form>
        </div>
      </header>
      <SessionWarning
        idleSeconds={me.data.sessionIdleSeconds}
        endsInSeconds={me.data.sessionEndsInSeconds}
        answeredAt={me.dataUpdatedAt}
        onExtend={() => void me.refetch()}
      />
      <main id="main" className="page" tabIndex={-1}>
        <AppointmentNotice me={me.data} />
        <Suspense fallback={<p className="loading">読み込み中…</p>}>
          <Routes>
            <Route path="/" element={<Navigate to={home} replace />} />
            <Route
              path="/goals"
              element={
                <MyGoalsPage>
                  <MidYearReportPanel />
                  <CarryOverEntry />
                </MyGoalsPage>
              }
            />
            <Route path="/goals/new" element={<NewGoalPage />} />
            <Route path="/goals/:goalId" element={<GoalPage />} />
            <Route
              path="/inbox"
              element={
                <InboxPage>
                  <YearPanel />
                  <CarryOverEntry />
                </InboxPage>
              }
            />
            <Route path="/sheets" element={<SheetsPage />} />
            {role === 'departmentHead' && <Route path="/sheets/import" element={<SheetImportPage />} />}
            <Route path="/sheets/:sheetId" element={<SheetPage />} />
            <Route path="/sheets/:sheetId/publications" element={<PublicationsPage />} />
            <Route path="/sheets/:sheetId/carry-over" element={<CarryOverPage />} />
            <Route path="/audit" element={<AuditPage />} />
            {seesCity && <Route path="/overview" element={<OverviewPage />} />}
            <Route
              path="/admin/*"
              element={<AdminPage delegations={ADMIN_DELEGATIONS} sheetImport={ADMIN_SHEET_IMPORT} />}
            />
            {role === 'departmentHead' && <Route path="/delegations" element={<DelegationsPage />} />}
            <Route path="*" element={<p>ページが見つかりません。</p>} />
          </Routes>
        </Suspense>
      </main>
    </MeContext.Provider>
  );
}
