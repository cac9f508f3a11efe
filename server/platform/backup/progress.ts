/** How a long step reports itself: `done` of `total` units (bytes, pages, tables). */
export type Progress = (stage: string, done: number, total: number) => void;

const human = (n: number) =>
  n >= 1 << 30 ? `${(n / (1 << 30)).toFixed(1)} GiB` : n >= 1 << 20 ? `${(n / (1 << 20)).toFixed(1)} MiB` : n >= 1024 ? `${(n / 1024).toFixed(0)} KiB` : `${n}`;

/**
 * Progress on stderr: one line redrawn on a terminal; in a log (no TTY), a line per stage at
 * every tenth and at the end, so a CI log or a cron mail stays short.
 */
export function stderrProgress(unit: (stage: string) => 'bytes' | 'count' = () => 'bytes'): Progress {
  const tty = process.stderr.isTTY;
  const lastTenth = new Map<string, number>();
  return (stage, done, total) => {
    const pct = total > 0 ? Math.min(100, Math.floor((done / total) * 100)) : 100;
    const fmt = unit(stage) === 'bytes' ? human : (n: number) => String(n);
    const line = `${stage} ${String(pct).padStart(3)}%  ${fmt(done)} / ${fmt(total)}`;
    if (tty) {
      process.stderr.write(`\r\x1b[2K${line}${done >= total ? '\n' : ''}`);
      return;
    }
    const tenth = Math.floor(pct / 10);
    if (lastTenth.get(stage) === tenth) return;
    lastTenth.set(stage, tenth);
    process.stderr.write(`${line}\n`);
  };
}
