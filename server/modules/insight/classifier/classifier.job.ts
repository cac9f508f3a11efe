import type { JobSpec } from '../../../platform/jobs/jobs.ts';
import { RETRAIN_EVERY_MS, retrainWhereGrown } from './classifier.service.ts';

/** Trains a district's first model, and a new version when its categorised cases grew by 10 %. */
export const classifierJob: JobSpec = { name: 'insight-classifier', everyMs: RETRAIN_EVERY_MS, run: (deps) => retrainWhereGrown(deps) };
