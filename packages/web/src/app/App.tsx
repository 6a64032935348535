import { lazy, Suspense, useEffect, useState } from 'react';
import { canViewReports } from '../api/reporting';
import { createBrowserRouter, Navigate, RouterProvider, useLocation } from 'react-router-dom';
import { useIsRestoring } from '@tanstack/react-query';
import { PersistQueryClientProvider } from '@tanstack/react-query-persist-client';
import { App as AntApp, ConfigProvider, Result, Spin, Button } from 'antd';
import zhCN from 'antd/locale/zh_CN';
import { setUnauthorizedHandler } from '../api';
import { queryClient } from './queryClient';
import { forgetFieldDay, persistOptions } from './persist';
import { UpdatePrompt } from './pwa';
import { setMessageApi } from './feedback';
import { BOOT, meKey, useMe, can } from './auth';
import { AppLayout } from './AppLayout';
import { LoginPage } from '../pages/auth/LoginPage';
import type { Me } from '../api';

const HomePage = lazy(() => import('../pages/home/HomePage'));
const EnterpriseListPage = lazy(() => import('../pages/registry/enterprises/EnterpriseListPage'));
const EnterpriseDetailPage = lazy(() => import('../pages/registry/enterprises/EnterpriseDetailPage'));
const EnterpriseCreatePage = lazy(() => import('../pages/registry/enterprises/EnterpriseCreatePage'));
const EnterpriseEditPage = lazy(() => import('../pages/registry/enterprises/EnterpriseEditPage'));
const EnterpriseImportPage = lazy(() => import('../pages/registry/enterprises/EnterpriseImportPage'));
const OfficerListPage = lazy(() => import('../pages/registry/officers/OfficerListPage'));
const OfficerDetailPage = lazy(() => import('../pages/registry/officers/OfficerDetailPage'));
const AgencyTreePage = lazy(() => import('../pages/registry/agencies/AgencyTreePage'));
const UserListPage = lazy(() => import('../pages/admin/users/UserListPage'));
const JobRunsPage = lazy(() => import('../pages/admin/jobs/JobRunsPage'));
const AuditPage = lazy(() => import('../pages/audit/AuditPage'));
const InspectionLedgerPage = lazy(() => import('../pages/inspection/ledger/InspectionLedgerPage'));
const HazardLedgerPage = lazy(() => import('../pages/hazard/HazardLedgerPage'));
const HazardDetailPage = lazy(() => import('../pages/hazard/HazardDetailPage'));
const PlanListPage = lazy(() => import('../pages/planning/PlanListPage'));
const PlanWizardPage = lazy(() => import('../pages/planning/PlanWizardPage'));
const PlanDetailPage = lazy(() => import('../pages/planning/PlanDetailPage'));
const DrawPage = lazy(() => import('../pages/planning/DrawPage'));
const UnplannedPage = lazy(() => import('../pages/planning/UnplannedPage'));
const HolidayPage = lazy(() => import('../pages/planning/HolidayPage'));
const CalendarPage = lazy(() => import('../pages/calendar/CalendarPage'));
const PublicLayout = lazy(() => import('../pages/planning/PublicLayout'));
const PublicTargetsPage = lazy(() => import('../pages/planning/PublicTargetsPage'));
const PublicDrawPage = lazy(() => import('../pages/planning/PublicDrawPage'));
const TodayPage = lazy(() => import('../pages/inspection/TodayPage'));
const FileInspectionPage = lazy(() => import('../pages/inspection/FileInspectionPage'));
const InspectionPage = lazy(() => import('../pages/inspection/InspectionPage'));
const PublicVerifyPage = lazy(() => import('../pages/inspection/PublicVerifyPage'));
const CaseListPage = lazy(() => import('../pages/penalty/CaseListPage'));
const CaseDetailPage = lazy(() => import('../pages/penalty/CaseDetailPage'));
const LegalReviewPage = lazy(() => import('../pages/penalty/LegalReviewPage'));
const PublicPenaltiesPage = lazy(() => import('../pages/penalty/PublicPenaltiesPage'));
const PublicationsPage = lazy(() => import('../pages/penalty/PublicationsPage'));
const PublicBlacklistPage = lazy(() => import('../pages/credit/PublicBlacklistPage'));
const PortalIndexPage = lazy(() => import('../pages/disclosure/PortalIndexPage'));
const PublicPlansPage = lazy(() => import('../pages/disclosure/PublicPlansPage'));
const PublicPlanPage = lazy(() => import('../pages/disclosure/PublicPlanPage'));
const PublicDrawsPage = lazy(() => import('../pages/disclosure/PublicDrawsPage'));
const PublicResultsPage = lazy(() => import('../pages/disclosure/PublicResultsPage'));
const PublicResultPage = lazy(() => import('../pages/disclosure/PublicResultPage'));
const CreditPage = lazy(() => import('../pages/credit/CreditPage'));
const RepairsPage = lazy(() => import('../pages/credit/RepairsPage'));
const BlacklistPage = lazy(() => import('../pages/credit/BlacklistPage'));
const PublicComplaintPage = lazy(() => import('../pages/complaints/PublicComplaintPage'));
const PublicComplaintStatusPage = lazy(() => import('../pages/complaints/PublicComplaintStatusPage'));
const ComplaintsPage = lazy(() => import('../pages/oversight/complaints/ComplaintsPanel'));
const ReportsPage = lazy(() => import('../pages/reporting/ReportsPage'));
const OversightHubPage = lazy(() => import('../pages/oversight/OversightHubPage'));
const CaseReviewPage = lazy(() => import('../pages/oversight/reviews/CaseReviewPage'));

/** /penalty-oversight?tab=x (old links) → /oversight/deadlines?view=x */
function PenaltyOversightRedirect() {
  const { search } = useLocation();
  const view = new URLSearchParams(search).get('tab');
  return <Navigate to={`/oversight/deadlines${view ? `?view=${view}` : ''}`} replace />;
}

/** The installed app's start page (manifest start_url): an officer's day, everyone else's home page. */
function StartRedirect() {
  const { data: me } = useMe();
  return <Navigate to={can.enforce(me) ? '/today' : '/'} replace />;
}

function Loading() {
  return (
    <div className="page-loading">
      <Spin size="large" />
    </div>
  );
}

function Forbidden() {
  return <Result status="403" title="没有访问权限" subTitle="您的角色不能访问此页面，如需开通请联系系统管理员。" />;
}

function RequireAuth() {
  const restoring = useIsRestoring();
  const { data: me, isLoading, error, refetch, dataUpdatedAt, fetchStatus } = useMe();
  const location = useLocation();
  // A user restored from the phone: online, the server confirms the session first (someone else may hold the phone);
  // offline the request waits ("paused") and the officer's cached pages open. A confirmation that hangs (signal but
  // no data) is given 5 s, then the cached pages open too; the answer, when it comes, still applies.
  const confirming = !!me && dataUpdatedAt < BOOT && fetchStatus === 'fetching';
  const [gaveUp, setGaveUp] = useState(false);
  useEffect(() => {
    if (!confirming) return;
    const t = setTimeout(() => setGaveUp(true), 5000);
    return () => clearTimeout(t);
  }, [confirming]);
  if (restoring || isLoading) return <Loading />;
  if (confirming && !gaveUp) return <Loading />;
  // with a known user, an unreachable server is like no network: the cached pages stay usable
  if (error && !me) {
    return (
      <Result
        status="error"
        title="无法连接服务器"
        subTitle="请检查网络后重试。"
        extra={
          <Button type="primary" onClick={() => void refetch()}>
            重试
          </Button>
        }
      />
    );
  }
  if (!me) return <Navigate to="/login" replace state={{ from: location.pathname + location.search }} />;
  return <AppLayout me={me} />;
}

function Guard({ allow, children }: { allow: (me: Me | null | undefined) => boolean; children: React.ReactNode }) {
  const { data: me } = useMe();
  return allow(me) ? <>{children}</> : <Forbidden />;
}

function Page({ children }: { children: React.ReactNode }) {
  return <Suspense fallback={<Loading />}>{children}</Suspense>;
}

const router = createBrowserRouter([
  { path: '/login', element: <LoginPage /> },
  // 信息公开 (R5, R13): outside the authenticated layout, no login.
  {
    path: '/public',
    element: <Page><PublicLayout /></Page>,
    children: [
      // 信息公开门户: the index by region, plans, draws, double-random results (docs/public-portal.md)
      { index: true, element: <Page><PortalIndexPage /></Page> },
      { path: 'plans', element: <Page><PublicPlansPage /></Page> },
      { path: 'plans/:id', element: <Page><PublicPlanPage /></Page> },
      { path: 'draws', element: <Page><PublicDrawsPage /></Page> },
      { path: 'results', element: <Page><PublicResultsPage /></Page> },
      { path: 'results/:id', element: <Page><PublicResultPage /></Page> },
      { path: 'targets', element: <Page><PublicTargetsPage /></Page> },
      { path: 'draws/:id', element: <Page><PublicDrawPage /></Page> },
      // R29 行政处罚决定公开, R32 严重失信主体名单 (quarterly)
      { path: 'penalties', element: <Page><PublicPenaltiesPage /></Page> },
      { path: 'blacklist', element: <Page><PublicBlacklistPage /></Page> },
      // R37 投诉举报: the form (no login, no agency to choose) and the progress by tracking code
      { path: 'complaints', element: <Page><PublicComplaintPage /></Page> },
      { path: 'complaints/:trackingCode', element: <Page><PublicComplaintStatusPage /></Page> },
      { path: '*', element: <Result status="404" title="页面不存在" subTitle="请从上方导航选择公开信息。" /> },
    ],
  },
  // 扫码迎检 (R16): the page behind the officers' QR code, no login.
  { path: '/v/:token', element: <Page><PublicVerifyPage /></Page> },
  {
    element: <RequireAuth />,
    children: [
      { index: true, element: <Page><HomePage /></Page> },
      { path: 'start', element: <StartRedirect /> },
      { path: 'enterprises', element: <Page><EnterpriseListPage /></Page> },
      { path: 'enterprises/new', element: <Page><Guard allow={can.writeRegisters}><EnterpriseCreatePage /></Guard></Page> },
      { path: 'enterprises/import', element: <Page><Guard allow={can.writeRegisters}><EnterpriseImportPage /></Guard></Page> },
      { path: 'enterprises/:id', element: <Page><EnterpriseDetailPage /></Page> },
      { path: 'enterprises/:id/edit', element: <Page><Guard allow={can.writeRegisters}><EnterpriseEditPage /></Guard></Page> },
      { path: 'officers', element: <Page><Guard allow={can.viewStaffRegisters}><OfficerListPage /></Guard></Page> },
      { path: 'officers/:id', element: <Page><Guard allow={can.viewStaffRegisters}><OfficerDetailPage /></Guard></Page> },
      { path: 'agencies', element: <Page><Guard allow={can.viewStaffRegisters}><AgencyTreePage /></Guard></Page> },
      { path: 'users', element: <Page><Guard allow={can.manageUsers}><UserListPage /></Guard></Page> },
      { path: 'job-runs', element: <Page><Guard allow={can.manageUsers}><JobRunsPage /></Guard></Page> },
      { path: 'audit', element: <Page><Guard allow={can.viewAudit}><AuditPage /></Guard></Page> },
      // 检查台账 (R19) and the hazard closed loop (R22–R24); an enterprise user sees its own hazards
      // an enterprise user sees its own inspections (the server scopes the ledger) and evaluates them (R19)
      { path: 'inspections', element: <Page><InspectionLedgerPage /></Page> },
      { path: 'hazards', element: <Page><HazardLedgerPage /></Page> },
      { path: 'hazards/:id', element: <Page><HazardDetailPage /></Page> },
      { path: 'plans', element: <Page><Guard allow={can.viewStaffRegisters}><PlanListPage /></Guard></Page> },
      { path: 'plans/new', element: <Page><Guard allow={can.writePlans}><PlanWizardPage /></Guard></Page> },
      { path: 'plans/:id', element: <Page><Guard allow={can.viewStaffRegisters}><PlanDetailPage /></Guard></Page> },
      { path: 'draws/:id', element: <Page><Guard allow={can.viewStaffRegisters}><DrawPage /></Guard></Page> },
      { path: 'unplanned', element: <Page><Guard allow={can.viewStaffRegisters}><UnplannedPage /></Guard></Page> },
      { path: 'calendar', element: <Page><CalendarPage /></Page> },
      { path: 'holidays', element: <Page><Guard allow={can.viewStaffRegisters}><HolidayPage /></Guard></Page> },
      { path: 'today', element: <Page><Guard allow={can.enforce}><TodayPage /></Guard></Page> },
      { path: 'inspections/new', element: <Page><Guard allow={can.enforce}><FileInspectionPage /></Guard></Page> },
      { path: 'inspections/:id', element: <Page><InspectionPage /></Page> },
      // 行政处罚案件 (R25–R31) and credit (R29, R32); an enterprise user sees its own cases and credit record
      { path: 'cases', element: <Page><Guard allow={can.viewCases}><CaseListPage /></Guard></Page> },
      { path: 'cases/:id', element: <Page><Guard allow={can.viewCases}><CaseDetailPage /></Guard></Page> },
      { path: 'legal-review', element: <Page><Guard allow={can.legalReview}><LegalReviewPage /></Guard></Page> },
      // R29: 处罚信息公开 — what is due (working-day countdown), published, withdrawn (行政处罚法 第四十八条)
      { path: 'penalty-publications', element: <Page><Guard allow={can.viewPublications}><PublicationsPage /></Guard></Page> },
      { path: 'credit', element: <Page><CreditPage /></Page> },
      { path: 'credit/repairs', element: <Page><Guard allow={can.viewCreditRepairs}><RepairsPage /></Guard></Page> },
      { path: 'credit/enterprises/:id', element: <Page><Guard allow={can.viewStaffRegisters}><CreditPage /></Guard></Page> },
      // R32 严重失信主体名单 (list, remove, quarterly publication) and 执法监督 (R25, R31, R38)
      { path: 'credit/blacklist', element: <Page><Guard allow={can.viewStaffRegisters}><BlacklistPage /></Guard></Page> },
      // R37 投诉举报台账 and 基层观测点 (the oversight hub embeds ComplaintsPanel as a tab)
      { path: 'complaints', element: <Page><Guard allow={can.viewStaffRegisters}><ComplaintsPage /></Guard></Page> },
      { path: 'reports', element: <Page><Guard allow={canViewReports}><ReportsPage /></Guard></Page> },
      // 执法监督 hub (R31, R34): tabs from pages/oversight/hubTabs.tsx; the former deadline page is its 处罚期限监督 tab
      { path: 'penalty-oversight', element: <PenaltyOversightRedirect /> },
      { path: 'oversight', element: <Page><Guard allow={can.viewOversightHub}><OversightHubPage /></Guard></Page> },
      { path: 'oversight/reviews/:id', element: <Page><Guard allow={can.viewCaseReviews}><CaseReviewPage /></Guard></Page> },
      { path: 'oversight/:tab', element: <Page><Guard allow={can.viewOversightHub}><OversightHubPage /></Guard></Page> },
      {
        path: '*',
        element: <Result status="404" title="页面不存在" subTitle="请从左侧菜单选择要访问的功能。" />,
      },
    ],
  },
]);

setUnauthorizedHandler(() => {
  const path = router.state.location.pathname;
  // The login page and the public pages (信息公开) never redirect.
  if (path === '/login' || path === '/public' || path.startsWith('/public/') || path.startsWith('/v/')) return;
  const from = router.state.location.pathname + router.state.location.search;
  queryClient.removeQueries({ predicate: (q) => q.queryKey[0] !== meKey[0] });
  queryClient.setQueryData(meKey, null);
  void forgetFieldDay();
  void router.navigate('/login', { replace: true, state: { from } });
});

const persistOpts = persistOptions(queryClient);

function MessageBridge() {
  const { message } = AntApp.useApp();
  useEffect(() => setMessageApi(message), [message]);
  return null;
}

export function App() {
  return (
    <ConfigProvider
      locale={zhCN}
      button={{ autoInsertSpace: false }}
      theme={{
        token: {
          colorPrimary: '#1a5fb4',
          borderRadius: 4,
          fontFamily:
            "-apple-system, BlinkMacSystemFont, 'PingFang SC', 'Hiragino Sans GB', 'Microsoft YaHei', 'Noto Sans CJK SC', 'WenQuanYi Micro Hei', 'Segoe UI', Roboto, sans-serif",
        },
        components: {
          Layout: { headerBg: '#0d2b52', siderBg: '#001529', headerHeight: 56, headerPadding: '0 16px' },
        },
      }}
    >
      <AntApp>
        <MessageBridge />
        <PersistQueryClientProvider client={queryClient} persistOptions={persistOpts}>
          <RouterProvider router={router} />
        </PersistQueryClientProvider>
        <UpdatePrompt />
      </AntApp>
    </ConfigProvider>
  );
}

