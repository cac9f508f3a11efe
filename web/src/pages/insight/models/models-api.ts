/**
 * Typed calls of the category suggestion (server/modules/insight/classifier): the district's
 * models (`GET /insight/models`, `POST /insight/models/train`, the office) and the suggestion at
 * intake (`POST /insight/suggest-category`, those who record cases).
 */
import { api, request } from '../../../api/client.ts';

export interface ClassQuality {
  precision: number;
  recall: number;
  f1: number;
  /** Cases of the category among those held out. */
  support: number;
}

export interface ModelQuality {
  macroF1: number;
  accuracy: number;
  heldOut: number;
  trainedOn: number;
  perClass: Record<string, ClassQuality>;
}

export type ModelReason = 'start' | 'growth' | 'admin';

export interface InsightModel {
  id: string;
  version: number;
  trainedAt: string;
  samples: number;
  labels: Array<{ category: string; samples: number }>;
  quality: ModelQuality | null;
  active: boolean;
  reason: ModelReason;
  trainSeconds: number;
  stored: boolean;
}

export interface InsightModels {
  items: InsightModel[];
  categorisedCases: number;
  minSamples: number;
  retrainAt: number;
}

export interface CategorySuggestionOut {
  category: string;
  /** 0–1 */
  confidence: number;
  alternatives: Array<{ category: string; confidence: number }>;
  /** 'prior': the text had nothing the model knows. */
  basis: 'text' | 'prior';
  departmentId: string | null;
  departmentName: string | null;
  modelVersion: number;
  trainedAt: string;
}

export const insightModelsApi = {
  list: (signal?: AbortSignal) => api.get<InsightModels>('/insight/models', { limit: 50 }, signal),
  train: () => api.post<InsightModel>('/insight/models/train'),
  /** A POST (the text can be long), cancelled when the next keystroke comes. */
  suggest: (q: { title?: string; content: string; stationId?: string }, signal?: AbortSignal) =>
    request<CategorySuggestionOut>('/insight/suggest-category', { method: 'POST', body: q, signal }),
};
