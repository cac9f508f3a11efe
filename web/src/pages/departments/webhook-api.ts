/** Typed calls of a department's webhook settings (承办单位系统对接推送): GET/PUT /departments/:id/webhook, POST …/ping. */
import { api, request } from '../../api/client.ts';

export interface WebhookDelivery {
  id: string;
  event: string;
  status: 'queued' | 'sending' | 'sent' | 'failed';
  attempts: number;
  lastError: string | null;
  createdAt: string;
  sentAt: string | null;
}

export interface DepartmentWebhook {
  departmentId: string;
  url: string | null;
  secretSet: boolean;
  secretHint: string | null;
  version: number;
  events: string[];
  deliveries: WebhookDelivery[];
}

const path = (id: string) => `/departments/${encodeURIComponent(id)}/webhook`;

export const departmentWebhookApi = {
  get: (id: string, signal?: AbortSignal) => api.get<DepartmentWebhook>(path(id), undefined, signal),
  set: (id: string, body: { version: number; url: string | null; secret?: string }) => request<DepartmentWebhook>(path(id), { method: 'PUT', body }),
  ping: (id: string) => api.post<DepartmentWebhook>(`${path(id)}/ping`),
};
