import type { Logger } from 'pino';
import type { Clock } from './clock.ts';
import type { Config } from './config.ts';
import type { PiiCipher } from './crypto/pii.ts';
import type { FileStore } from './files/file-store.ts';
import type { Db, Dialect } from './db/database.ts';

/** What the platform hands to every module: no globals, so tests build as many apps as they like. */
export interface AppDeps {
  config: Config;
  db: Db;
  dialect: Dialect;
  clock: Clock;
  log: Logger;
  /** Personal data at rest: encrypt, decrypt, keyed hash. */
  pii: PiiCipher;
  /** Photos and attachments. */
  files: FileStore;
}
