import { z } from 'zod';

import { ROLES, type Role } from '../../../shared/org.ts';

export { ROLES, type Role };
export const roleSchema = z.enum(ROLES);

/** The signed-in user as every policy sees it. */
export interface Principal {
  userId: string;
  username: string;
  displayName: string;
  roles: Role[];
  /** The district (6-digit county code) the account belongs to; admins see all of it. */
  districtCode: string;
  stationId: string | null;
  departmentId: string | null;
  deputyId: string | null;
  sessionId: string;
  csrfToken: string;
}

export const hasRole = (p: Principal | null, ...roles: Role[]): boolean =>
  p !== null && p.roles.some((r) => roles.includes(r));
