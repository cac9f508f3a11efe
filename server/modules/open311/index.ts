import type { ModuleManifest } from '../../platform/module.ts';
import { open311Routes, sendError } from './open311.routes.ts';

/**
 * Open311 GeoReport v2 (/open311/v2): existing civic tools read the district's services (case
 * categories) and published results and submit requests through the public intake. Owns no
 * tables: everything goes through the cases and org modules' public functions.
 */
export const open311Module: ModuleManifest = {
  name: 'open311',
  pages: (app, deps) => open311Routes(app, deps),
  // a malformed URL under /open311/ is refused in GeoReport's error format too
  errorFormat: { prefix: '/open311/', send: (reply, url, e) => sendError(reply, url, e.status, e.message) },
};
