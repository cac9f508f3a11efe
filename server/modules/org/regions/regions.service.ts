import type { Executor } from '../../../platform/db/database.ts';
import { orgErrors } from '../org.errors.ts';
import { regionsRepository, type Region } from './regions.repository.ts';

/** A region code must exist and lie inside the district (codes are prefixes of their children's). */
export async function requireRegionInDistrict(db: Executor, code: string, districtCode: string, field: string): Promise<Region> {
  const region = await regionsRepository.get(db, code);
  if (!region) throw orgErrors.REGION_INVALID(`行政区划代码 ${code} 不存在`, { field });
  if (!code.startsWith(districtCode)) throw orgErrors.REGION_INVALID(`行政区划 ${region.name}（${code}）不在本区范围内`, { field });
  return region;
}
