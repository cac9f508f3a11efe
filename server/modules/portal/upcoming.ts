import type { AppDeps } from '../../platform/deps.ts';
import { upcomingReceptions as scheduled } from '../schedule/index.ts';
import type { UpcomingReception } from './pages/station-pages.ts';

/** The next reception days of a station with the deputies on duty (the schedule module's public query). */
export async function upcomingReceptions(deps: AppDeps, stationId: string): Promise<UpcomingReception[]> {
  return scheduled(deps.db, stationId, deps.clock.now(), 5);
}
