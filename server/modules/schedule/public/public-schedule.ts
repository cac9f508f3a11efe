import { createEvents, type EventAttributes } from 'ics';
import { clockLabel, type PublicReceptionOut } from '../../../../shared/schedule.ts';
import { fromDayNumber, shanghaiDate, toDayNumber } from '../../../platform/calendar/dates.ts';
import { lunarLabel } from '../../../platform/calendar/lunar.ts';
import type { Executor } from '../../../platform/db/database.ts';
import { orgLookups } from '../../org/index.ts';
import { scheduleErrors } from '../schedule.errors.ts';
import { scheduleRepository, type ReceptionListRow } from '../schedule.repository.ts';

/** The public sees an active station's scheduled days, never who recorded what. */
async function publicStation(db: Executor, stationId: string): Promise<{ id: string; name: string; districtCode: string }> {
  const s = await orgLookups.station(db, stationId);
  if (!s || !s.active) throw scheduleErrors.STATION_NOT_FOUND();
  return s;
}

async function scheduled(db: Executor, station: { id: string; districtCode: string }, from: string, to: string): Promise<PublicReceptionOut[]> {
  const rows = await scheduleRepository.receptions(db, { districtCode: station.districtCode, stationIds: [station.id] }, { stationId: station.id, from, to, status: 'scheduled' });
  return present(db, rows);
}

async function present(db: Executor, rows: ReceptionListRow[]): Promise<PublicReceptionOut[]> {
  const duties = await scheduleRepository.duties(db, rows.map((r) => r.id));
  return rows.map((r) => ({
    date: r.date, start: r.start_time, end: r.end_time, place: r.place, lunar: lunarLabel(r.date),
    deputies: duties.filter((d) => d.reception_id === r.id).map((d) => ({ id: d.deputy_id, name: d.name, level: d.level })),
  }));
}

/** The month's reception days: `month` is 'YYYY-MM'. */
export async function publicMonthReceptions(db: Executor, stationId: string, month: string): Promise<{ station: { id: string; name: string }; items: PublicReceptionOut[] }> {
  const station = await publicStation(db, stationId);
  const [y, m] = month.split('-').map(Number) as [number, number];
  const last = new Date(Date.UTC(y, m, 0)).getUTCDate();
  return { station: { id: station.id, name: station.name }, items: await scheduled(db, station, `${month}-01`, `${month}-${String(last).padStart(2, '0')}`) };
}

/** The next scheduled days from today (the station page, the public station API). */
export async function upcomingReceptions(db: Executor, stationId: string, now: Date, limit = 5): Promise<PublicReceptionOut[]> {
  const station = await orgLookups.station(db, stationId);
  if (!station) return [];
  const today = shanghaiDate(now);
  const items = await scheduled(db, station, today, fromDayNumber(toDayNumber(today) + 120));
  return items.slice(0, limit);
}

/** Wall-clock time in Asia/Shanghai (UTC+8, no daylight saving) → the instant. */
function instant(date: string, hhmm: string): number {
  const [y, mo, d] = date.split('-').map(Number) as [number, number, number];
  const [h, mi] = hhmm.split(':').map(Number) as [number, number];
  return Date.UTC(y, mo - 1, d, h - 8, mi);
}

/**
 * The station's reception days as an iCalendar feed (RFC 5545) for calendar apps: last month to
 * six months ahead, times in UTC (unambiguous for any client), one stable UID per reception day so
 * a subscribed calendar updates a moved or reassigned day instead of duplicating it.
 */
export async function receptionsIcs(db: Executor, stationId: string, now: Date, publicUrl: string): Promise<string> {
  const station = await publicStation(db, stationId);
  const today = toDayNumber(shanghaiDate(now));
  const rows = await scheduleRepository.receptions(db, { districtCode: station.districtCode, stationIds: [station.id] }, { stationId: station.id, from: fromDayNumber(today - 31), to: fromDayNumber(today + 186) });
  const items = await present(db, rows);
  const pageUrl = `${publicUrl.replace(/\/$/, '')}/stations/${station.id}`;
  const events: EventAttributes[] = rows.map((r, i) => {
    const names = items[i]!.deputies.map((d) => d.name).join('、');
    return {
      uid: `reception-${r.id}@lianxin`,
      start: instant(r.date, r.start_time), startInputType: 'utc', startOutputType: 'utc',
      end: instant(r.date, r.end_time), endInputType: 'utc', endOutputType: 'utc',
      title: `${station.name} 代表接待日`,
      description: [`接待时间：${r.date} ${clockLabel(r.start_time)}–${clockLabel(r.end_time)}（农历${items[i]!.lunar}）`, names ? `值班代表：${names}` : '', `反映问题、查询进展：${pageUrl}`].filter(Boolean).join('\n'),
      location: r.place || station.name,
      url: pageUrl,
      status: r.status === 'cancelled' ? 'CANCELLED' : 'CONFIRMED',
      sequence: r.version,
      productId: 'lianxin/receptions',
      calName: `${station.name} 接待日`,
    };
  });
  const { error, value } = createEvents(events, { productId: 'lianxin/receptions', calName: `${station.name} 接待日` });
  if (error || value === null) throw error ?? new Error('iCalendar generation failed');
  return foldOctets(value);
}

/**
 * Folds content lines at 75 octets (RFC 5545 §3.1). The ics package folds at 75 characters, which
 * for Chinese text (3 octets each in UTF-8) gives lines of up to 225 octets; unfold its output and
 * fold again by octets, never inside a character.
 */
function foldOctets(ics: string): string {
  const lines = ics.replace(/\r\n[ \t]/g, '').split('\r\n');
  const out: string[] = [];
  for (const line of lines) {
    let part = '';
    let octets = 0;
    for (const ch of line) {
      const n = Buffer.byteLength(ch, 'utf8');
      if (octets + n > 75) {
        out.push(part);
        part = ' ';
        octets = 1;
      }
      part += ch;
      octets += n;
    }
    out.push(part);
  }
  return out.join('\r\n');
}
