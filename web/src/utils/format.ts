/**
 * Dates as Chinese users read them: 2026-03-05 14:30, always in Beijing time whatever the
 * browser's time zone (the district works on Asia/Shanghai).
 */
const TZ = 'Asia/Shanghai';

const partsFormatter = new Intl.DateTimeFormat('en-CA', {
  timeZone: TZ,
  year: 'numeric',
  month: '2-digit',
  day: '2-digit',
  hour: '2-digit',
  minute: '2-digit',
  second: '2-digit',
  hourCycle: 'h23',
});

function parts(value: string | number | Date): Record<string, string> | null {
  const d = value instanceof Date ? value : new Date(value);
  if (Number.isNaN(d.getTime())) return null;
  const out: Record<string, string> = {};
  for (const p of partsFormatter.formatToParts(d)) out[p.type] = p.value;
  return out;
}

export function formatDateTime(value: string | number | Date | null | undefined): string {
  if (value === null || value === undefined || value === '') return '—';
  const p = parts(value);
  return p ? `${p.year}-${p.month}-${p.day} ${p.hour}:${p.minute}` : String(value);
}

/** With seconds, for due instants: 2026-10-10 23:59:59. */
export function formatDateTimeSeconds(value: string | number | Date | null | undefined): string {
  if (value === null || value === undefined || value === '') return '—';
  const p = parts(value);
  return p ? `${p.year}-${p.month}-${p.day} ${p.hour}:${p.minute}:${p.second}` : String(value);
}

export function formatDate(value: string | number | Date | null | undefined): string {
  if (value === null || value === undefined || value === '') return '—';
  const p = parts(value);
  return p ? `${p.year}-${p.month}-${p.day}` : String(value);
}

/** "2026年3月5日" for zh, "5 Mar 2026" for en: used in headings and greetings. */
export function formatLongDate(value: Date, lng: string): string {
  const locale = lng.startsWith('en') ? 'en-GB' : 'zh-CN';
  const date = new Intl.DateTimeFormat(locale, { timeZone: TZ, year: 'numeric', month: 'long', day: 'numeric' }).format(value);
  const weekday = new Intl.DateTimeFormat(locale, { timeZone: TZ, weekday: 'long' }).format(value);
  return lng.startsWith('en') ? `${weekday}, ${date}` : `${date} ${weekday}`;
}

export const dash = (v: string | number | null | undefined): string => (v === null || v === undefined || v === '' ? '—' : String(v));

/** A short, readable name for a browser user agent string. */
export function describeUserAgent(ua: string | null | undefined): string {
  if (!ua) return '—';
  const browser = /Edg\//.test(ua) ? 'Edge' : /Chrome\//.test(ua) ? 'Chrome' : /Firefox\//.test(ua) ? 'Firefox' : /Safari\//.test(ua) ? 'Safari' : /MicroMessenger/.test(ua) ? 'WeChat' : '';
  const os = /Windows/.test(ua) ? 'Windows' : /Android/.test(ua) ? 'Android' : /iPhone|iPad/.test(ua) ? 'iOS' : /Mac OS X/.test(ua) ? 'macOS' : /Linux/.test(ua) ? 'Linux' : '';
  const name = [browser, os].filter(Boolean).join(' · ');
  return name || ua.slice(0, 40);
}
