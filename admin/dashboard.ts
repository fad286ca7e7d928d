// The console's front page: the figures of api/services/dashboard.ts, served at
// GET /admin/api/dashboard and rendered by components/dashboard.
import type { ApiDeps } from '../api/services/deps.ts';
import { dashboardFigures } from '../api/services/dashboard.ts';
import { CONSOLE_COMPONENTS, consoleComponentsRegistered } from './components/moderation/registry.ts';

/** For the AdminJS options: `dashboard: adminDashboard(deps)`. With the console components
 *  registered it renders them; otherwise AdminJS's default dashboard (figures via the API). */
export function adminDashboard(deps: Pick<ApiDeps, 'db'>) {
  return {
    handler: async () => dashboardFigures(deps.db),
    ...(consoleComponentsRegistered() ? { component: CONSOLE_COMPONENTS.Dashboard } : {}),
  };
}
