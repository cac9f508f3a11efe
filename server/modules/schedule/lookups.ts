import type { Executor } from '../../platform/db/database.ts';
import { scheduleRepository } from './schedule.repository.ts';

/** What other modules need to know about the schedule without reading its tables. */
export const scheduleLookups = {
  /** A reception record, for a case collected at it: its station and the deputies present. */
  async session(db: Executor, id: string): Promise<{ id: string; stationId: string; districtCode: string; date: string; deputyIds: string[] } | undefined> {
    const s = await scheduleRepository.sessionById(db, id);
    if (!s) return undefined;
    const deputies = await scheduleRepository.sessionDeputies(db, [id]);
    return { id: s.id, stationId: s.station_id, districtCode: s.district_code, date: s.date, deputyIds: deputies.map((d) => d.deputy_id) };
  },
};
