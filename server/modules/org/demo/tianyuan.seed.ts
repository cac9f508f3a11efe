import { DEMO_PARAMS, hashPassword } from '../../../platform/auth/passwords.ts';
import { systemContext } from '../../../platform/context.ts';
import type { AppDeps } from '../../../platform/deps.ts';
import type { DemoSeed } from '../../../platform/module.ts';
import { insertDepartment } from '../departments/departments.service.ts';
import { insertDeputy } from '../deputies/deputies.service.ts';
import { insertStation } from '../stations/stations.service.ts';
import { insertUser } from '../users/users.service.ts';
import { ACCOUNTS, DEPARTMENTS, DISTRICT, STATIONS, demoDeputies } from './tianyuan.data.ts';

/** Stations, rooms, departments, deputies and the demo accounts of 天元区, written through the same code as the forms. */
export async function seedTianyuan(deps: AppDeps, demo: DemoSeed): Promise<void> {
  const ctx = systemContext(deps.clock.now(), 'demo-seed');
  const d = DISTRICT.code;
  const deputies = demoDeputies();
  const hashes = await Promise.all(ACCOUNTS.map(() => hashPassword(demo.password, DEMO_PARAMS)));
  await deps.db.transaction().execute(async (trx) => {
    for (const s of STATIONS) {
      const id = await insertStation(trx, ctx, d, {
        name: s.name, kind: 'station', regionCode: s.regionCode, address: s.address, location: { lat: s.lat, lng: s.lng },
        openingHours: s.openingHours, contactName: s.contactName, contactPhone: s.contactPhone, description: s.description,
      });
      demo.ids.set(`station:${s.key}`, id);
      for (const [i, r] of (s.rooms ?? []).entries()) {
        const roomId = await insertStation(trx, ctx, d, {
          name: r.name, kind: 'room', parentId: id, regionCode: s.regionCode, address: r.address,
          location: { lat: s.lat + 0.004 * (i + 1), lng: s.lng - 0.003 * (i + 1) }, openingHours: s.openingHours,
          contactName: s.contactName, contactPhone: s.contactPhone, description: r.description,
        });
        demo.ids.set(`station:${r.key}`, roomId);
      }
    }
    for (const dep of DEPARTMENTS) {
      const id = await insertDepartment(trx, ctx, d, { name: dep.name, shortName: dep.shortName, regionCode: d, categories: dep.categories, contactName: dep.contactName, contactPhone: dep.contactPhone, address: dep.address });
      demo.ids.set(`department:${dep.key}`, id);
    }
    for (const dp of deputies) {
      const id = await insertDeputy(trx, ctx, d, {
        name: dp.name, gender: dp.gender, level: dp.level, occupation: dp.occupation, constituency: dp.constituency, regionCode: dp.regionCode,
        term: dp.term, termStart: dp.termStart, termEnd: dp.termEnd, expertise: dp.expertise,
        publicPhone: '', bio: `${dp.term}${dp.constituency}选出的代表，现任${dp.occupation}。`,
        stationIds: dp.stationKeys.map((k) => demo.ids.get(`station:${k}`)!),
      }, 'form');
      demo.ids.set(`deputy:${dp.key}`, id);
    }
    for (const [i, a] of ACCOUNTS.entries()) {
      const deputyName = a.deputyKey ? deputies.find((x) => x.key === a.deputyKey)!.name : '';
      const id = await insertUser(trx, ctx, d, {
        username: a.username,
        displayName: a.displayName || `${deputyName}（区人大代表）`,
        password: demo.password,
        roles: a.roles,
        stationId: a.stationKey ? demo.ids.get(`station:${a.stationKey}`)! : null,
        departmentId: a.departmentKey ? demo.ids.get(`department:${a.departmentKey}`)! : null,
        deputyId: a.deputyKey ? demo.ids.get(`deputy:${a.deputyKey}`)! : null,
      }, { isDemo: true, passwordHash: hashes[i]! });
      demo.ids.set(`user:${a.username}`, id);
    }
  });
  demo.log(`天元区演示数据：${STATIONS.length} 个联络站、${DEPARTMENTS.length} 个承办单位、${deputies.length} 名代表、${ACCOUNTS.length} 个演示账号`);
}
