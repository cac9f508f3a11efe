/** Wire types of the API as the console uses them (see the OpenAPI document at /api/docs). */
import type { DeputyLevel, Gender, RegionLevel, Role, StationKind } from '../../../shared/org.ts';

export type Abilities = { update?: boolean; deactivate?: boolean } & Record<string, boolean | undefined>;

export interface SessionUser {
  id: string;
  username: string;
  displayName: string;
  roles: Role[];
  districtCode: string | null;
  stationId: string | null;
  departmentId: string | null;
  deputyId: string | null;
}

export interface MeResponse {
  user: SessionUser;
  csrfToken: string;
}

export interface Region {
  code: string;
  name: string;
  level: RegionLevel;
  parentCode: string | null;
  hasChildren: boolean;
}

export interface RegionDetail {
  code: string;
  name: string;
  level: RegionLevel;
  parentCode: string | null;
  path: { code: string; name: string; level: RegionLevel }[];
}

export interface Versioned {
  id: string;
  active: boolean;
  version: number;
  createdAt: string;
  updatedAt: string;
  abilities?: Abilities;
}

export interface Station extends Versioned {
  name: string;
  kind: StationKind;
  parentId: string | null;
  parentName: string | null;
  regionCode: string;
  regionName: string | null;
  address: string | null;
  location: { lat: number; lng: number } | null;
  openingHours: string | null;
  contactName: string | null;
  contactPhone: string | null;
  description: string | null;
  roomCount: number;
  deputyCount: number;
}

export interface StationDetail extends Station {
  rooms: Station[];
  deputies: { id: string; name: string; level: DeputyLevel }[];
}

export interface StationInput {
  name: string;
  kind: StationKind;
  parentId?: string | null;
  regionCode: string;
  address: string;
  location?: { lat: number; lng: number } | null;
  openingHours?: string | null;
  contactName?: string | null;
  contactPhone?: string | null;
  description?: string | null;
}

export interface Deputy extends Versioned {
  name: string;
  gender: Gender | null;
  level: DeputyLevel;
  occupation: string | null;
  constituency: string | null;
  regionCode: string;
  regionName: string | null;
  term: string | null;
  termStart: number | null;
  termEnd: number | null;
  expertise: string[];
  publicPhone: string | null;
  bio: string | null;
  stations: { id: string; name: string }[];
}

export interface DeputyInput {
  name: string;
  gender?: Gender | null;
  level: DeputyLevel;
  occupation?: string | null;
  constituency?: string | null;
  regionCode: string;
  term?: string | null;
  termStart?: number | null;
  termEnd?: number | null;
  expertise?: string[];
  publicPhone?: string | null;
  bio?: string | null;
  stationIds?: string[];
}

export interface Department extends Versioned {
  name: string;
  shortName: string | null;
  regionCode: string;
  regionName: string | null;
  categories: string[];
  contactName: string | null;
  contactPhone: string | null;
  address: string | null;
}

export interface DepartmentInput {
  name: string;
  shortName?: string | null;
  regionCode: string;
  categories?: string[];
  contactName?: string | null;
  contactPhone?: string | null;
  address?: string | null;
}

export interface User extends Versioned {
  username: string;
  displayName: string;
  roles: Role[];
  districtCode: string | null;
  stationId: string | null;
  stationName: string | null;
  departmentId: string | null;
  departmentName: string | null;
  deputyId: string | null;
  deputyName: string | null;
  phone: string | null;
}

export interface UserInput {
  username?: string;
  displayName: string;
  password?: string;
  roles: Role[];
  stationId?: string | null;
  departmentId?: string | null;
  deputyId?: string | null;
  phone?: string | null;
}

export interface SessionInfo {
  id: string;
  current: boolean;
  createdAt: string;
  lastSeenAt: string | null;
  expiresAt: string;
  ip: string | null;
  userAgent: string | null;
}

export interface ImportRow {
  row: number;
  data: Record<string, string | string[] | number | null | undefined>;
  errors: { field: string; message: string }[];
}

export interface ImportPreview {
  batchId: string;
  fileName: string;
  rows: ImportRow[];
  validCount: number;
  errorCount: number;
  expiresAt: string;
}

export interface ImportResult {
  imported: number;
  skipped: number;
}
