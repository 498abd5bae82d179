import { lazy, ReactNode, Suspense, useEffect } from 'react';
import { App as AntApp, Spin } from 'antd';
import { MutationCache, QueryCache, QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { BrowserRouter, Navigate, Route, Routes, useLocation, useNavigate } from 'react-router-dom';
import { ApiError } from './api/errors';
import { resumeSession, setSessionEndHandler } from './api/client';
import { I18nProvider } from './i18n/I18n';
import { homeOf, mayUse } from './auth/roles';
import { rememberReturn } from './auth/session';
import { useSession } from './auth/useSession';
import { IdleWatcher } from './auth/IdleWatcher';
import { LoginPage } from './pages/LoginPage';
import { ErrorBoundary } from './layout/ErrorBoundary';

// Only the login page is in the first download (a phone's first visit); the signed-in frame and every page follow it.
const AppLayout = lazy(() => import('./layout/AppLayout').then((m) => ({ default: m.AppLayout })));
const Forbidden = lazy(() => import('./layout/Refusals').then((m) => ({ default: m.Forbidden })));
const NotFound = lazy(() => import('./layout/Refusals').then((m) => ({ default: m.NotFound })));
const PasswordPage = lazy(() => import('./pages/PasswordPage').then((m) => ({ default: m.PasswordPage })));
const RepairsPage = lazy(() => import('./pages/repairs/RepairsPage'));
const ReportPage = lazy(() => import('./pages/repairs/ReportPage'));
const RepairDetailPage = lazy(() => import('./pages/repairs/RepairDetailPage'));
const MySchoolPage = lazy(() => import('./pages/school/MySchoolPage'));
const DashboardPage = lazy(() => import('./pages/bureau/DashboardPage'));
const AuditHistoryPage = lazy(() => import('./pages/audit/AuditHistoryPage'));
const AuditChecksPage = lazy(() => import('./pages/audit/AuditChecksPage'));
const AccountsPage = lazy(() => import('./pages/admin/AccountsPage'));
const FacilitiesDashboardPage = lazy(() => import('./pages/bureau/FacilitiesDashboardPage'));
const AssetsPage = lazy(() => import('./pages/assets/AssetsPage'));
const RegisterAssetPage = lazy(() => import('./pages/assets/RegisterAssetPage'));
const AssetDetailPage = lazy(() => import('./pages/assets/AssetDetailPage'));
const DisposalApprovalsPage = lazy(() => import('./pages/assets/DisposalApprovalsPage'));
const EnergyPage = lazy(() => import('./pages/energy/EnergyPage'));
const RecordReadingPage = lazy(() => import('./pages/energy/RecordReadingPage'));
const DormitoriesPage = lazy(() => import('./pages/dormitories/DormitoriesPage'));
const DormitoryBuildingPage = lazy(() => import('./pages/dormitories/BuildingPage'));
const InspectionsPage = lazy(() => import('./pages/inspections/InspectionsPage'));
const RecordInspectionPage = lazy(() => import('./pages/inspections/RecordInspectionPage'));
const GreeningPage = lazy(() => import('./pages/greening/GreeningPage'));
const QrReportPage = lazy(() => import('./pages/public/QrReportPage'));
const LabelsPage = lazy(() => import('./pages/assets/LabelsPage'));
const ImportLedgerPage = lazy(() => import('./pages/assets/ImportLedgerPage'));
const StocktakesPage = lazy(() => import('./pages/assets/StocktakesPage'));
const StocktakePage = lazy(() => import('./pages/assets/StocktakePage'));

const queryClient = new QueryClient({
  defaultOptions: {
    queries: {
      // A 4xx will not change by asking again; a 503 (read model behind, service restarting) may.
      retry: (count, error) => count < 2 && (!(error instanceof ApiError) || error.status === 0 || error.status >= 500),
      staleTime: 5_000,
      refetchOnWindowFocus: false,
    },
  },
  queryCache: new QueryCache(),
  mutationCache: new MutationCache(),
});

/** Login first (remembering the page), the forced password change next, then only the pages of the role. */
function Guard({ page, children }: { page: string; children: ReactNode }) {
  const session = useSession();
  const location = useLocation();
  if (!session) {
    rememberReturn(location.pathname + location.search);
    return <Navigate to="/login" replace />;
  }
  if (session.mustChangePassword) return <Navigate to="/password" replace />;
  if (!mayUse(session.account.role, page)) {
    return (
      <Suspense fallback={<Spin style={{ margin: 48 }} />}>
        <Forbidden role={session.account.role} />
      </Suspense>
    );
  }
  return <Suspense fallback={<Spin style={{ margin: 48 }} />}>{children}</Suspense>;
}

function Home() {
  const session = useSession();
  return <Navigate to={session ? homeOf(session.account.role) : '/login'} replace />;
}

/** A session ended by idle time or expiry goes to the login page, which brings the user back afterwards. */
function SessionEnd() {
  const navigate = useNavigate();
  useEffect(() => {
    resumeSession();
    setSessionEndHandler(() => navigate('/login', { replace: true }));
  }, [navigate]);
  return null;
}

export function App() {
  return (
    <I18nProvider>
      <AntApp>
        <QueryClientProvider client={queryClient}>
          <BrowserRouter>
            <SessionEnd />
            <IdleWatcher />
            <ErrorBoundary>
              <Routes>
                <Route path="/login" element={<LoginPage />} />
                <Route path="/password" element={<Suspense fallback={<Spin style={{ margin: 48 }} />}><PasswordPage /></Suspense>} />
                <Route path="/r/:token" element={<Suspense fallback={<Spin style={{ margin: 48 }} />}><QrReportPage /></Suspense>} />
                <Route element={<Suspense fallback={<Spin style={{ margin: 48 }} />}><AppLayout /></Suspense>}>
                  <Route path="/" element={<Home />} />
                  <Route path="/repairs" element={<Guard page="repairs"><RepairsPage /></Guard>} />
                  <Route path="/repairs/new" element={<Guard page="new-repair"><ReportPage /></Guard>} />
                  <Route path="/repairs/:id" element={<Guard page="repair"><RepairDetailPage /></Guard>} />
                  <Route path="/my-school" element={<Guard page="my-school"><MySchoolPage /></Guard>} />
                  <Route path="/energy" element={<Guard page="energy"><EnergyPage /></Guard>} />
                  <Route path="/energy/reading" element={<Guard page="energy-reading"><RecordReadingPage /></Guard>} />
                  <Route path="/dormitories" element={<Guard page="dormitories"><DormitoriesPage /></Guard>} />
                  <Route path="/dormitories/:id" element={<Guard page="dormitory"><DormitoryBuildingPage /></Guard>} />
                  <Route path="/greening" element={<Guard page="greening"><GreeningPage /></Guard>} />
                  <Route path="/dashboard" element={<Guard page="dashboard"><DashboardPage /></Guard>} />
                  <Route path="/work-orders" element={<Guard page="work-orders"><RepairsPage readOnly /></Guard>} />
                  <Route path="/facilities-dashboard" element={<Guard page="facilities-dashboard"><FacilitiesDashboardPage /></Guard>} />
                  <Route path="/accounts" element={<Guard page="accounts"><AccountsPage /></Guard>} />
                  <Route path="/audit/history" element={<Guard page="audit-history"><AuditHistoryPage /></Guard>} />
                  <Route path="/audit/checks" element={<Guard page="audit-checks"><AuditChecksPage /></Guard>} />
                  <Route path="/inspections" element={<Guard page="inspections"><InspectionsPage /></Guard>} />
                  <Route path="/inspections/:planId/record" element={<Guard page="inspection-record"><RecordInspectionPage /></Guard>} />
                  <Route path="/assets" element={<Guard page="assets"><AssetsPage /></Guard>} />
                  <Route path="/assets/new" element={<Guard page="new-asset"><RegisterAssetPage /></Guard>} />
                  <Route path="/assets/labels" element={<Guard page="asset-labels"><LabelsPage /></Guard>} />
                  <Route path="/assets/import" element={<Guard page="asset-import"><ImportLedgerPage /></Guard>} />
                  <Route path="/stocktakes" element={<Guard page="stocktakes"><StocktakesPage /></Guard>} />
                  <Route path="/stocktakes/:id" element={<Guard page="stocktake"><StocktakePage /></Guard>} />
                  <Route path="/assets/:id" element={<Guard page="asset"><AssetDetailPage /></Guard>} />
                  <Route path="/asset-disposals" element={<Guard page="asset-disposals"><DisposalApprovalsPage /></Guard>} />
                  <Route path="*" element={<Suspense fallback={<Spin style={{ margin: 48 }} />}><NotFound /></Suspense>} />
                </Route>
              </Routes>
            </ErrorBoundary>
          </BrowserRouter>
        </QueryClientProvider>
      </AntApp>
    </I18nProvider>
  );
}
