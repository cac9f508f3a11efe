/** Providers (Ant Design locale and theme follow the language) and the routes under /console. */
import { App as AntApp, ConfigProvider } from 'antd';
import enUS from 'antd/locale/en_US';
import zhCN from 'antd/locale/zh_CN';
import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { createBrowserRouter, Navigate, RouterProvider } from 'react-router-dom';
import { AuthProvider } from './auth/AuthContext.tsx';
import { RequireAuth } from './auth/RequireAuth.tsx';
import { isEnglish } from './i18n/index.ts';
import { AppLayout } from './layout/AppLayout.tsx';
import { ActivitiesPage, ActivityDetailPage, ActivityFormPage } from './pages/activities/index.ts';
import { ArchiveListPage, ArchivePrintPage, DeputyArchivePage, MyArchivePage, SelfReportDetailPage, SelfReportFormPage, SelfReportsPage } from './pages/archive/index.ts';
import { AssessmentRoundPage, AssessmentRoundsPage, MyAssessmentPage, ScoreSheetPage } from './pages/assessment/index.ts';
import { CaseDetailPage } from './pages/cases/CaseDetailPage.tsx';
import { CasesPage } from './pages/cases/CasesPage.tsx';
import { NewCasePage } from './pages/cases/NewCasePage.tsx';
import { DashboardPage } from './pages/dashboard/DashboardPage.tsx';
import { HotIssuePage } from './pages/insight/hot/HotIssuePage.tsx';
import { ModelsPage as InsightModelsPage } from './pages/insight/models/index.ts';
import { DepartmentDetailPage } from './pages/departments/DepartmentDetailPage.tsx';
import { DepartmentsPage } from './pages/departments/DepartmentsPage.tsx';
import { DeputiesPage } from './pages/deputies/DeputiesPage.tsx';
import { DeputyDetailPage } from './pages/deputies/DeputyDetailPage.tsx';
import { LoginPage } from './pages/login/LoginPage.tsx';
import { MePage } from './pages/me/MePage.tsx';
import { NotFoundPage } from './pages/NotFoundPage.tsx';
import { EvaluationRoundPage, EvaluationRoundsPage } from './pages/project-evaluation/index.ts';
import { ProjectDetailPage, ProjectsPage } from './pages/projects/index.ts';
import { CallPage, ProjectCallsPage } from './pages/project-calls/index.ts';
import { RegionsPage } from './pages/regions/RegionsPage.tsx';
import { NewSessionPage, ReceptionCalendarPage, ReceptionRulesPage, RuleEditPage, SessionDetailPage, SessionsPage } from './pages/schedule/index.ts';
import { CalendarPage, RoutingRulesPage, SlaSettingsPage } from './pages/settings/index.ts';
import { CoveragePage, EvidencePage, StandardItemsPage, StationStandardsPage } from './pages/standards/index.ts';
import { StationDetailPage } from './pages/stations/StationDetailPage.tsx';
import { SuggestionDetailPage, SuggestionFormPage, SuggestionsPage } from './pages/suggestions/index.ts';
import { NewPublicationPage, PublicationPage, PublicationsPage } from './pages/publications/index.ts';
import { StationsPage } from './pages/stations/StationsPage.tsx';
import { UsersPage } from './pages/users/UsersPage.tsx';
import { BallotPage, TallyScreen, VotingSessionPage, VotingSessionsPage } from './pages/voting/index.ts';
import { useReducedMotion } from './hooks/useReducedMotion.ts';
import { theme } from './theme.ts';

const router = createBrowserRouter(
  [
    { path: '/login', element: <LoginPage /> },
    // the live tally screen (大屏) fills the window: no side menu
    {
      path: '/voting/:id/screen',
      element: (
        <RequireAuth>
          <TallyScreen />
        </RequireAuth>
      ),
    },
    // the printable archive (A4): no side menu
    {
      path: '/archive/deputies/:deputyId/print',
      element: (
        <RequireAuth>
          <ArchivePrintPage />
        </RequireAuth>
      ),
    },
    {
      path: '/',
      element: (
        <RequireAuth>
          <AppLayout />
        </RequireAuth>
      ),
      children: [
        { index: true, element: <DashboardPage /> },
        { path: 'cases', element: <CasesPage key="cases" /> },
        { path: 'cases/new', element: <NewCasePage /> },
        { path: 'cases/:id', element: <CaseDetailPage /> },
        { path: 'inbox', element: <CasesPage key="inbox" mode="inbox" /> },
        { path: 'stations', element: <StationsPage /> },
        { path: 'stations/:id', element: <StationDetailPage /> },
        { path: 'stations/:id/standards', element: <StationStandardsPage /> },
        { path: 'stations/:id/standards/:itemId', element: <EvidencePage /> },
        { path: 'standards', element: <CoveragePage /> },
        { path: 'standards/items', element: <StandardItemsPage /> },
        { path: 'deputies', element: <DeputiesPage /> },
        { path: 'deputies/:id', element: <DeputyDetailPage /> },
        { path: 'departments', element: <DepartmentsPage /> },
        { path: 'departments/:id', element: <DepartmentDetailPage /> },
        { path: 'users', element: <UsersPage /> },
        { path: 'regions', element: <RegionsPage /> },
        { path: 'settings/routing', element: <RoutingRulesPage /> },
        { path: 'settings/calendar', element: <CalendarPage /> },
        { path: 'settings/sla', element: <SlaSettingsPage /> },
        { path: 'schedule', element: <Navigate to="/schedule/calendar" replace /> },
        { path: 'schedule/calendar', element: <ReceptionCalendarPage /> },
        { path: 'schedule/rules', element: <ReceptionRulesPage /> },
        { path: 'schedule/rules/new', element: <RuleEditPage key="new" /> },
        { path: 'schedule/rules/:id', element: <RuleEditPage key="edit" /> },
        { path: 'schedule/sessions', element: <SessionsPage /> },
        { path: 'schedule/sessions/new', element: <NewSessionPage /> },
        { path: 'schedule/sessions/:id', element: <SessionDetailPage /> },
        { path: 'activities', element: <ActivitiesPage /> },
        { path: 'activities/new', element: <ActivityFormPage key="new" /> },
        { path: 'activities/:id', element: <ActivityDetailPage /> },
        { path: 'activities/:id/edit', element: <ActivityFormPage key="edit" /> },
        { path: 'suggestions', element: <SuggestionsPage /> },
        { path: 'suggestions/new', element: <SuggestionFormPage key="new" /> },
        { path: 'suggestions/:id', element: <SuggestionDetailPage /> },
        { path: 'suggestions/:id/edit', element: <SuggestionFormPage key="edit" /> },
        { path: 'publications', element: <PublicationsPage /> },
        { path: 'publications/new', element: <NewPublicationPage /> },
        { path: 'publications/:id', element: <PublicationPage /> },
        { path: 'projects', element: <ProjectsPage /> },
        { path: 'projects/:id', element: <ProjectDetailPage /> },
        { path: 'project-evaluation', element: <EvaluationRoundsPage /> },
        { path: 'project-evaluation/:id', element: <EvaluationRoundPage /> },
        { path: 'project-calls', element: <ProjectCallsPage /> },
        { path: 'project-calls/:id', element: <CallPage /> },
        { path: 'voting', element: <VotingSessionsPage /> },
        { path: 'voting/:id', element: <VotingSessionPage /> },
        { path: 'voting/:id/ballot', element: <BallotPage /> },
        { path: 'archive', element: <ArchiveListPage /> },
        { path: 'archive/me', element: <MyArchivePage /> },
        { path: 'archive/deputies/:deputyId', element: <DeputyArchivePage /> },
        { path: 'archive/review', element: <SelfReportsPage key="review" /> },
        { path: 'archive/self-reports', element: <SelfReportsPage key="mine" /> },
        { path: 'archive/self-reports/new', element: <SelfReportFormPage key="new" /> },
        { path: 'archive/self-reports/:id', element: <SelfReportDetailPage /> },
        { path: 'archive/self-reports/:id/edit', element: <SelfReportFormPage key="edit" /> },
        { path: 'assessment', element: <AssessmentRoundsPage /> },
        { path: 'assessment/mine', element: <MyAssessmentPage /> },
        { path: 'assessment/:id', element: <AssessmentRoundPage /> },
        { path: 'assessment/:id/sheet/:deputyId/:kind', element: <ScoreSheetPage /> },
        { path: 'me', element: <MePage /> },
        { path: 'hot-issues/:id', element: <HotIssuePage /> },
        { path: 'insight/models', element: <InsightModelsPage /> },
        { path: 'dashboard', element: <Navigate to="/" replace /> },
        { path: '*', element: <NotFoundPage /> },
      ],
    },
  ],
  { basename: '/console' },
);

export function Root() {
  const { i18n } = useTranslation();
  const en = isEnglish(i18n.language);
  // "reduce motion" in the OS: Ant Design's zoom/slide animations off (motion: false skips them outright)
  const reduced = useReducedMotion();
  const themed = useMemo(() => (reduced ? { ...theme, token: { ...theme.token, motion: false } } : theme), [reduced]);
  return (
    <ConfigProvider locale={en ? enUS : zhCN} theme={themed}>
      <AntApp>
        <AuthProvider>
          <RouterProvider router={router} />
        </AuthProvider>
      </AntApp>
    </ConfigProvider>
  );
}
