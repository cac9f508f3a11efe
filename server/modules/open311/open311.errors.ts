import { defineErrors } from '../../platform/errors.ts';

export const open311Errors = defineErrors({
  SERVICE_NOT_FOUND: { status: 404, message: 'service_code：找不到该服务类别' },
  REQUEST_NOT_FOUND: { status: 404, message: 'service_request_id：找不到该诉求' },
  STATION_REQUIRED: { status: 400, message: 'station_id：请提供联络站编号 station_id，或位置 lat/long，或含本区街道、乡镇名称的 address_string' },
  OUT_OF_AREA: { status: 400, message: 'lat/long：该位置不在本区范围内' },
  JURISDICTION_NOT_FOUND: { status: 404, message: 'jurisdiction_id：本平台只服务本区（jurisdiction_id 应为本区的 6 位行政区划代码，或不填）' },
  FORMAT_NOT_FOUND: { status: 404, message: '格式只能是 .json 或 .xml' },
});
