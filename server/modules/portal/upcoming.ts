import type { AppDeps } from '../../platform/deps.ts';
import type { UpcomingReception } from './pages/station-pages.ts';

/**
 * Upcoming reception days of a station. Reception rules and duty rotas belong to the
 * schedule module, which does not exist yet (issue 4): until it does, no station has
 * published reception days and the list is honestly empty.
 */
export async function upcomingReceptions(_deps: AppDeps, _stationId: string): Promise<UpcomingReception[]> {
  return [];
}
