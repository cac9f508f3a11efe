import type { StationKind } from '../../../../shared/org.ts';
import type { EvidenceEventOut, EvidenceEventType, EvidenceFileOut, EvidenceOut, EvidenceStatus, PersonRef, StandardItemOut } from '../../../../shared/standards.ts';
import type { Principal } from '../../../platform/auth/principal.ts';
import { adminAbilities } from '../org.policy.ts';
import { evidenceAbilities } from './standards.policy.ts';
import type { EvidenceEventRow, EvidenceFileRow, EvidenceRow, ItemRow, StationRef } from './standards.repository.ts';

export const appliesToOf = (r: ItemRow): StationKind[] => JSON.parse(r.applies_to) as StationKind[];
export const appliesTo = (r: ItemRow, kind: string): boolean => appliesToOf(r).includes(kind as StationKind);

export function presentItem(p: Principal, r: ItemRow): StandardItemOut {
  return {
    id: r.id,
    code: r.code,
    name: r.name,
    description: r.description,
    appliesTo: appliesToOf(r),
    sort: r.sort,
    active: r.active === 1,
    version: r.version,
    createdAt: r.created_at,
    updatedAt: r.updated_at,
    abilities: adminAbilities(p),
  };
}

export type Names = Map<string, string>;
const person = (names: Names, id: string | null): PersonRef | null => (id === null ? null : { id, name: names.get(id) ?? '' });

/** Every account an evidence record, its files and its history name. */
export const namedIn = (e: EvidenceRow | undefined, files: EvidenceFileRow[], events: EvidenceEventRow[] = []): Array<string | null> => [
  e?.submitted_by ?? null, e?.reviewed_by ?? null, ...files.map((f) => f.uploaded_by), ...events.map((x) => x.actor_id),
];

export const presentFile = (names: Names, f: EvidenceFileRow): EvidenceFileOut => ({
  id: f.id,
  filename: f.filename,
  mime: f.mime,
  size: f.size,
  kind: f.mime.startsWith('image/') ? 'photo' : 'document',
  uploadedBy: person(names, f.uploaded_by),
  createdAt: f.created_at,
});

/** `e` undefined: nothing recorded yet ("missing", version 0). */
export function presentEvidence(p: Principal, station: StationRef, item: ItemRow, e: EvidenceRow | undefined, files: EvidenceFileRow[], names: Names): EvidenceOut {
  const status = (e?.status ?? 'missing') as EvidenceStatus;
  const text = e?.text ?? '';
  return {
    stationId: station.id,
    itemId: item.id,
    status,
    text,
    files: files.map((f) => presentFile(names, f)),
    submittedBy: person(names, e?.submitted_by ?? null),
    submittedAt: e?.submitted_at ?? null,
    reviewedBy: person(names, e?.reviewed_by ?? null),
    reviewedAt: e?.reviewed_at ?? null,
    reviewNote: e?.review_note ?? '',
    updatedAt: e?.updated_at ?? null,
    version: e?.version ?? 0,
    abilities: evidenceAbilities(p, { station, itemActive: item.active === 1, status, hasContent: text !== '' || files.length > 0 }),
  };
}

export const presentEvent = (names: Names, r: EvidenceEventRow): EvidenceEventOut => ({
  id: r.id,
  type: r.type as EvidenceEventType,
  at: r.at,
  actor: person(names, r.actor_id),
  note: r.note,
  snapshot: r.snapshot === null ? null : (JSON.parse(r.snapshot) as EvidenceEventOut['snapshot']),
  version: r.version,
});
