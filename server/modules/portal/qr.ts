import QRCode from 'qrcode';
import { publicBaseUrl, type Config } from '../../platform/config.ts';

/**
 * The station's QR code (码上通): it opens the station's public page, from which people see who is on
 * duty and report a problem. Error correction M (15 %) survives a printed notice's wear and a phone
 * camera at an angle without making the code dense.
 */
export const stationUrl = (config: Config, stationId: string): string => `${publicBaseUrl(config)}/stations/${stationId}`;

const OPTIONS = { errorCorrectionLevel: 'M', margin: 2 } as const;

export function stationQrPng(config: Config, stationId: string, size: number): Promise<Buffer> {
  return QRCode.toBuffer(stationUrl(config, stationId), { ...OPTIONS, type: 'png', width: size });
}

export function stationQrSvg(config: Config, stationId: string): Promise<string> {
  return QRCode.toString(stationUrl(config, stationId), { ...OPTIONS, type: 'svg' });
}
