/**
 * The server's clock. LIANXIN_NOW pins it for demos, tests and benchmarks: the pinned
 * instant advances with real time so that ordering of events is preserved.
 */
export interface Clock {
  now(): Date;
  readonly pinned: boolean;
}

export function systemClock(): Clock {
  return { now: () => new Date(), pinned: false };
}

export function pinnedClock(iso: string): Clock {
  const base = Date.parse(iso);
  const started = Date.now();
  return { now: () => new Date(base + (Date.now() - started)), pinned: true };
}

/** A clock tests move by hand. */
export function manualClock(iso: string): Clock & { set(iso: string): void; advance(ms: number): void } {
  let t = Date.parse(iso);
  return {
    now: () => new Date(t),
    pinned: true,
    set: (v) => void (t = Date.parse(v)),
    advance: (ms) => void (t += ms),
  };
}
