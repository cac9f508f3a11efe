import type { SelfReportKind } from '../../../../shared/archive.ts';
import type { Executor } from '../../../platform/db/database.ts';
import type { SelfReportFact } from '../entries/derive.ts';
import { selfReportsRepository as repo } from './self-reports.repository.ts';

/** Self-reports as the archive's projection sees them (any status: only approved ones yield an entry). */
export async function selfReportFacts(db: Executor, ids: readonly string[]): Promise<SelfReportFact[]> {
  const rows = await repo.getMany(db, ids);
  const files = await repo.files(db, rows.map((r) => r.id));
  return rows.map((r) => ({
    id: r.id, districtCode: r.district_code, deputyId: r.deputy_id, kind: r.kind as SelfReportKind, title: r.title, occurredOn: r.occurred_on, status: r.status,
    attachments: files.filter((f) => f.report_id === r.id).length, reviewedAt: r.reviewed_at, reviewedByName: r.reviewed_by_name,
  }));
}
