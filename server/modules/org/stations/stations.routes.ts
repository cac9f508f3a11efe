import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { actionContext, requirePrincipal } from '../../../platform/auth/auth.plugin.ts';
import type { AppDeps } from '../../../platform/deps.ts';
import { id } from '../../../platform/http/fields.ts';
import { createStationBody, listStationsQuery, stationDetailOut, stationOut, updateStationBody, versionBody } from './stations.schemas.ts';
import { createStation, getStation, listStations, setStationActive, updateStation } from './stations.service.ts';

const tags = ['组织 Organisation'];
const params = z.strictObject({ id: id() });

export function stationRoutes(app: FastifyInstance, deps: AppDeps): void {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const { db } = deps;

  r.get('/stations', {
    schema: { tags, summary: '联络站与工作室列表（按管辖范围）', querystring: listStationsQuery, response: { 200: z.object({ items: z.array(stationOut), nextCursor: z.string().nullable() }) } },
  }, async (req) => listStations(db, requirePrincipal(req), req.query));

  r.get('/stations/:id', {
    schema: { tags, summary: '联络站详情（含工作室、驻站代表）', params, response: { 200: stationDetailOut } },
  }, async (req) => getStation(db, requirePrincipal(req), req.params.id));

  r.post('/stations', {
    schema: { tags, summary: '新建联络站或工作室（区人大常委会）', body: createStationBody, response: { 201: stationOut } },
  }, async (req, reply) => {
    requirePrincipal(req);
    return reply.status(201).send(await createStation(db, actionContext(req, deps), req.body));
  });

  r.patch('/stations/:id', {
    schema: { tags, summary: '修改联络站（驻站工作人员可改地址、开放时间、联系方式、简介）', params, body: updateStationBody, response: { 200: stationOut } },
  }, async (req) => {
    requirePrincipal(req);
    return updateStation(db, actionContext(req, deps), req.params.id, req.body);
  });

  for (const [path, active] of [['deactivate', false], ['activate', true]] as const) {
    r.post(`/stations/:id/${path}`, {
      schema: { tags, summary: active ? '启用联络站' : '停用联络站', params, body: versionBody, response: { 200: stationOut } },
    }, async (req) => {
      requirePrincipal(req);
      return setStationActive(db, actionContext(req, deps), req.params.id, req.body.version, active);
    });
  }
}
