import { crc32, deflateSync } from 'node:zlib';
import type { EvidenceAction } from '../../../../shared/standards.ts';
import type { Principal } from '../../../platform/auth/principal.ts';
import { principalForUser } from '../../../platform/auth/sessions.ts';
import { systemContext, type ActionContext } from '../../../platform/context.ts';
import type { AppDeps } from '../../../platform/deps.ts';
import type { DemoSeed } from '../../../platform/module.ts';
import { prepareEvidenceFile, type PreparedEvidenceFile } from '../standards/evidence-files.ts';
import { applyAction, applyAddFile, applyText, loadTarget } from '../standards/evidence.commands.ts';
import { standardsRepository } from '../standards/standards.repository.ts';
import { DEMO_EVIDENCE, DEMO_TEXT, demoDocument, type DemoEvidence } from './standards.data.ts';
import { DISTRICT, STATIONS } from './tianyuan.data.ts';

const DAY = 86_400_000;

function chunk(type: string, data: Buffer): Buffer {
  const head = Buffer.alloc(8);
  head.writeUInt32BE(data.length, 0);
  head.write(type, 4, 'latin1');
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(Buffer.concat([head.subarray(4), data])), 0);
  return Buffer.concat([head, data, crc]);
}

/** A small real PNG (a two-colour stripe pattern) standing in for a site photo. */
export function demoPng(seed: number, width = 48, height = 32): Buffer {
  const ihdr = Buffer.alloc(13);
  ihdr.writeUInt32BE(width, 0);
  ihdr.writeUInt32BE(height, 4);
  ihdr.set([8, 2, 0, 0, 0], 8); // 8-bit RGB
  const a = [200, 40 + (seed * 37) % 150, 40];
  const b = [240, 230, 200];
  const rows: number[] = [];
  for (let y = 0; y < height; y++) {
    rows.push(0);
    for (let x = 0; x < width; x++) rows.push(...(((x + y + seed) >> 3) % 2 ? a : b));
  }
  return Buffer.concat([
    Buffer.from('89504e470d0a1a0a', 'hex'), chunk('IHDR', ihdr), chunk('IDAT', deflateSync(Buffer.from(rows))), chunk('IEND', Buffer.alloc(0)),
  ]);
}

interface Facts { name: string; address: string; contactName: string }

function stationFacts(): Map<string, Facts> {
  const out = new Map<string, Facts>();
  for (const s of STATIONS) {
    out.set(s.key, { name: s.name, address: s.address, contactName: s.contactName });
    for (const r of s.rooms ?? []) out.set(r.key, { name: r.name, address: r.address, contactName: s.contactName });
  }
  return out;
}

/** Who writes for a station: its staff account where the demo has one, else the system (records entered centrally). */
const WRITER: Record<string, string> = { 马家河街道: 'station', '马家河街道·新马社区': 'station', '马家河街道·园区': 'station', 栗雨街道: 'station2' };

/**
 * Every demo station's checklist evidence, written through the same commands as the HTTP API
 * (edit, add file, submit, approve, return) with their history and audit entries, dated over the
 * last two months.
 */
export async function seedStandardsDemo(deps: AppDeps, demo: DemoSeed): Promise<void> {
  const now = deps.clock.now().getTime();
  const items = new Map((await standardsRepository.items(deps.db, DISTRICT.code)).map((i) => [i.code, i]));
  const users = new Map<string, Principal | null>();
  for (const u of ['admin', 'station', 'station2']) users.set(u, await principalForUser(deps.db, demo.ids.get(`user:${u}`)!));
  const facts = stationFacts();

  // Files are stored before the transaction that records them (as the upload route does).
  const files = new Map<string, PreparedEvidenceFile>();
  let seed = 0;
  for (const [key, plan] of Object.entries(DEMO_EVIDENCE)) {
    for (const [code, e] of Object.entries(plan)) {
      if (!e.file || !items.has(code)) continue;
      const f = facts.get(key)!;
      const item = items.get(code)!;
      const bytes = e.file === 'photo' ? demoPng(seed++) : Buffer.from(demoDocument(item.name, DEMO_TEXT[code]!(f), f));
      files.set(`${key}/${code}`, await prepareEvidenceFile(deps, bytes, e.file === 'photo' ? `${item.name}现场照片.png` : `${item.name}.txt`));
    }
  }

  let count = 0;
  await deps.db.transaction().execute(async (trx) => {
    const scope = { districtCode: DISTRICT.code, stationIds: null };
    for (const [key, plan] of Object.entries(DEMO_EVIDENCE)) {
      const stationId = demo.ids.get(`station:${key}`)!;
      const writer = WRITER[key] ? users.get(WRITER[key]!)! : null;
      const f = facts.get(key)!;
      let offset = 0;
      for (const [code, e] of Object.entries(plan)) {
        const item = items.get(code);
        if (!item) continue;
        offset++;
        const at = (daysAgo: number): ActionContext => ({ ...systemContext(new Date(now - daysAgo * DAY + offset * 600_000), 'demo-seed'), principal: null });
        const as = (daysAgo: number, p: Principal | null) => ({ ...at(daysAgo), principal: p });
        const target = () => loadTarget(trx, scope, stationId, item.id);
        const act = async (daysAgo: number, p: Principal | null, action: EvidenceAction, note = '') => {
          const t = await target();
          await applyAction(trx, as(daysAgo, p), t, action, t.evidence?.version ?? 0, note);
        };
        const start = startDay(e);
        await applyText(trx, as(start, writer), await target(), 0, DEMO_TEXT[code]!(f));
        const file = files.get(`${key}/${code}`);
        if (file) await applyAddFile(trx, as(start, writer), await target(), file);
        const admin = users.get('admin')!;
        switch (e.plan) {
          case 'approved':
            await act(start - 2, writer, 'submit');
            await act(start - 9, admin, 'approve', '材料齐全，符合要求。');
            break;
          case 'submitted':
            await act(3, writer, 'submit');
            break;
          case 'returned':
            await act(15, writer, 'submit');
            await act(5, admin, 'return', e.reason);
            break;
          case 'resubmitted': {
            await act(38, writer, 'submit');
            await act(30, admin, 'return', e.reason);
            const t = await target();
            await applyText(trx, as(12, writer), t, t.evidence!.version, `${DEMO_TEXT[code]!(f)}已补充 2026 年 4 月以来的接待登记台账。`);
            await act(10, writer, 'submit');
            break;
          }
          case 'draft':
            break;
        }
        count++;
      }
    }
  });
  demo.log(`联络站标准化建设（八有/五有）演示材料：${count} 项`);
}

const startDay = (e: DemoEvidence): number => ({ approved: 60, submitted: 10, returned: 20, draft: 2, resubmitted: 40 })[e.plan];
