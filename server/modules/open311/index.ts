import type { ModuleManifest } from '../../platform/module.ts';
import { open311Routes } from './open311.routes.ts';

/**
 * Open311 GeoReport v2 (/open311/v2): existing civic tools read the district's services (case
 * categories) and published results and submit requests through the public intake. Owns no
 * tables: everything goes through the cases and org modules' public functions.
 */
export const open311Module: ModuleManifest = {
  name: 'open311',
  pages: (app, deps) => open311Routes(app, deps),
};
