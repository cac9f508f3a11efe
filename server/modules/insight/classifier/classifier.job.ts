import type { JobSpec } from '../../../platform/jobs/jobs.ts';
import { RETRAIN_EVERY_MS, retrainWhereGrown } from './classifier.service.ts';

/**
 * Trains a district's first model, and a new version when its categorised cases grew by 10 %.
 * Exclusive: the growth check reads the active model and training writes the next version, so two
 * processes running it together would both train (two versions for one growth); with the job's
 * lock the second process skips, and its next run sees the new model.
 */
export const classifierJob: JobSpec = { name: 'insight-classifier', everyMs: RETRAIN_EVERY_MS, exclusive: true, run: (deps) => retrainWhereGrown(deps) };
