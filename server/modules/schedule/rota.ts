/**
 * Duty rotas (值班轮换) for reception days: who of a station's deputies receives the public on which day,
 * and the pure part of two deputies trading days. No storage, no clock: the service loads the station's
 * deputies (in station order) and the rule's days, and stores what this returns.
 */

/**
 * Assigns deputies to days round-robin: the k-th date gets the deputies at positions
 * (offset + k·perDay + j) mod n for j < min(perDay, n), n the number of (distinct) deputies.
 *
 * Consecutive days continue where the previous day stopped, so over any n consecutive days each deputy
 * serves exactly perDay times (when perDay ≤ n) — the fairness a station is asked about. `offset` lets a
 * regenerated rota continue from where the stored one left off instead of restarting at the first deputy.
 * When perDay ≥ n every deputy serves every day; with no deputies every day gets an empty list (the
 * station fills it in by hand).
 *
 * Dates are taken in the order given (the caller passes them sorted); a repeated date is a programming
 * error (the k-th position would be ambiguous): TypeError. A deputy listed twice counts once, at the first
 * position, so no day can list anyone twice. perDay must be an integer ≥ 1 and offset an integer
 * (negative offsets count back from the end of the list): RangeError otherwise.
 */
export function rotate(dates: readonly string[], deputyIds: readonly string[], perDay: number, offset = 0): Map<string, string[]> {
  if (!Number.isInteger(perDay) || perDay < 1) throw new RangeError(`perDay must be an integer ≥ 1, got ${perDay}`);
  if (!Number.isInteger(offset)) throw new RangeError(`offset must be an integer, got ${offset}`);
  const pool = [...new Set(deputyIds)];
  const n = pool.length;
  const count = Math.min(perDay, n);
  const rota = new Map<string, string[]>();
  dates.forEach((date, k) => {
    if (rota.has(date)) throw new TypeError(`date ${date} given twice`);
    const start = n === 0 ? 0 : (((offset + k * perDay) % n) + n) % n;
    const deputies: string[] = [];
    for (let j = 0; j < count; j++) deputies.push(pool[(start + j) % n]);
    rota.set(date, deputies);
  });
  return rota;
}

/** One reception day's duty list, as swapDuties reads and returns it. */
export type DutyDay = { date: string; deputies: readonly string[] };

/**
 * Why two deputies cannot trade: NOT_ON_DUTY, a deputy is not on the day they would give away;
 * ALREADY_ON_DUTY, a deputy already serves on the day they would take; SAME_DAY, the two days are one date
 * (trading within a day changes nothing).
 */
export type SwapError = 'NOT_ON_DUTY' | 'ALREADY_ON_DUTY' | 'SAME_DAY';

/**
 * Two deputies trade days: aDeputy leaves day a and serves on day b, bDeputy the other way round. Each
 * takes the other's place in the list (the order of a day's list is the order the notice prints).
 * Returns the two new lists, or the reason it cannot be done; the inputs are not modified.
 */
export function swapDuties(a: DutyDay, aDeputy: string, b: DutyDay, bDeputy: string): { a: string[]; b: string[] } | SwapError {
  if (a.date === b.date) return 'SAME_DAY';
  const aIndex = a.deputies.indexOf(aDeputy);
  const bIndex = b.deputies.indexOf(bDeputy);
  if (aIndex < 0 || bIndex < 0) return 'NOT_ON_DUTY';
  if (a.deputies.includes(bDeputy) || b.deputies.includes(aDeputy)) return 'ALREADY_ON_DUTY';
  const newA = [...a.deputies];
  const newB = [...b.deputies];
  newA[aIndex] = bDeputy;
  newB[bIndex] = aDeputy;
  return { a: newA, b: newB };
}
