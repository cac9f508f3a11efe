import { readFileSync } from 'node:fs';
import type { Executor } from '../../../platform/db/database.ts';
import type { RegionLevel } from '../../../../shared/org.ts';

export interface RegionRecord {
  code: string;
  name: string;
  level: RegionLevel;
  parentCode: string | null;
}

const dataDir = new URL('../data/', import.meta.url);

/** Minimal CSV for these files: a header row, fields optionally in double quotes, no embedded newlines. */
export function parseCsv(text: string): Record<string, string>[] {
  const lines = text.replace(/^\uFEFF/, '').split(/\r?\n/).filter((l) => l.trim() !== '');
  const split = (line: string): string[] => {
    const out: string[] = [];
    let cur = '';
    let quoted = false;
    for (let i = 0; i < line.length; i++) {
      const ch = line[i];
      if (quoted) {
        if (ch === '"' && line[i + 1] === '"') {
          cur += '"';
          i++;
        } else if (ch === '"') quoted = false;
        else cur += ch;
      } else if (ch === '"') quoted = true;
      else if (ch === ',') {
        out.push(cur);
        cur = '';
      } else cur += ch;
    }
    out.push(cur);
    return out;
  };
  const header = split(lines[0] ?? '');
  return lines.slice(1).map((l) => {
    const cells = split(l);
    return Object.fromEntries(header.map((h, i) => [h, cells[i] ?? '']));
  });
}

const FILES = ['provinces.csv', 'cities.csv', 'areas.csv', 'streets.csv'];
let cached: RegionRecord[] | undefined;

/** How many reference rows the shipped files hold, by counting lines: a start-up check without parsing 1.7 MB. */
export function referenceRegionCount(): number {
  let n = 0;
  for (const f of FILES) n += readFileSync(new URL(f, dataDir), 'utf8').split(/\r?\n/).filter((l) => l.trim() !== '').length - 1;
  return n;
}

/** The national division codes shipped with the project, province → city → county → street. */
export function referenceRegions(): RegionRecord[] {
  if (cached) return cached;
  const read = (f: string) => parseCsv(readFileSync(new URL(f, dataDir), 'utf8'));
  const out: RegionRecord[] = [];
  for (const r of read('provinces.csv')) out.push({ code: r.code!, name: r.name!, level: 'province', parentCode: null });
  for (const r of read('cities.csv')) out.push({ code: r.code!, name: r.name!, level: 'city', parentCode: r.provinceCode! });
  for (const r of read('areas.csv')) out.push({ code: r.code!, name: r.name!, level: 'county', parentCode: r.cityCode! });
  for (const r of read('streets.csv')) out.push({ code: r.code!, name: r.name!, level: 'street', parentCode: r.areaCode! });
  cached = out;
  return out;
}

/**
 * Makes the regions table hold exactly the shipped reference rows (custom rows a district
 * added are kept). Cheap when already loaded: one count.
 */
export async function ensureReferenceRegions(db: Executor): Promise<{ loaded: number }> {
  const row = await db.selectFrom('regions').select((eb) => eb.fn.countAll<number>().as('n')).where('custom', '=', 0).executeTakeFirst();
  if (Number(row?.n ?? 0) === referenceRegionCount()) return { loaded: 0 };
  const all = referenceRegions();
  await db.deleteFrom('regions').where('custom', '=', 0).execute();
  const batch = 500;
  for (let i = 0; i < all.length; i += batch) {
    await db
      .insertInto('regions')
      .values(all.slice(i, i + batch).map((r) => ({ code: r.code, name: r.name, level: r.level, parent_code: r.parentCode, custom: 0 })))
      .onConflict((oc) => oc.column('code').doNothing())
      .execute();
  }
  return { loaded: all.length };
}
