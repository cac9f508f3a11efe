import type { Config } from '../config.ts';

/** The largest photo or attachment accepted, in bytes (LIANXIN_MAX_UPLOAD_MB, in MiB). */
export function maxUploadBytes(config: Pick<Config, 'LIANXIN_MAX_UPLOAD_MB'>): number {
  return Math.floor(config.LIANXIN_MAX_UPLOAD_MB * 1024 * 1024);
}
