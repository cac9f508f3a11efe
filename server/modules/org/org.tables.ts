/** The org module's tables (portable column types: see server/platform/tables.ts). */
export interface OrgTables {
  regions: {
    code: string;
    name: string;
    level: string;
    parent_code: string | null;
    /** Custom entries added by a district (communities); reference rows are 0. */
    custom: number;
  };
  stations: {
    id: string;
    name: string;
    /** chineseSortKey(name), kept by the repository. */
    name_key: string;
    kind: string;
    parent_id: string | null;
    region_code: string;
    district_code: string;
    address: string;
    lat: number | null;
    lng: number | null;
    opening_hours: string;
    contact_name: string;
    contact_phone: string;
    description: string;
    active: number;
    version: number;
    created_at: string;
    updated_at: string;
  };
  deputies: {
    id: string;
    name: string;
    /** chineseSortKey(name), kept by the repository. */
    name_key: string;
    gender: string | null;
    level: string;
    occupation: string;
    constituency: string;
    region_code: string;
    district_code: string;
    term: string;
    term_start: number | null;
    term_end: number | null;
    expertise: string;
    public_phone: string;
    bio: string;
    active: number;
    version: number;
    created_at: string;
    updated_at: string;
  };
  deputy_stations: {
    deputy_id: string;
    station_id: string;
  };
  departments: {
    id: string;
    name: string;
    /** chineseSortKey(name), kept by the repository. */
    name_key: string;
    short_name: string;
    region_code: string;
    district_code: string;
    categories: string;
    contact_name: string;
    contact_phone: string;
    address: string;
    active: number;
    version: number;
    created_at: string;
    updated_at: string;
  };
  import_batches: {
    id: string;
    kind: string;
    district_code: string;
    created_by: string;
    file_name: string;
    rows: string;
    created_at: string;
    expires_at: string;
    committed_at: string | null;
  };
}
