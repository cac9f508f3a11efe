import type { ModuleManifest } from '../../platform/module.ts';
import { portalPages } from './portal.pages.ts';
import { portalApiRoutes } from './portal.routes.ts';

/** The disclosure portal: the public API and the light public pages. Read side: it owns no tables. */
export const portalModule: ModuleManifest = {
  name: 'portal',
  routes: (app, deps) => portalApiRoutes(app, deps),
  pages: (app, deps) => portalPages(app, deps),
};
