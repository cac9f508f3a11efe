/**
 * Trains a classifier off the main thread (a district's history of thousands of cases takes
 * seconds of CPU; the server keeps answering meanwhile). Receives the samples as workerData,
 * posts back the serialised model or the training error.
 */
import { parentPort, workerData } from 'node:worker_threads';
import { train, TrainingError, type Sample } from './model.ts';
import { serialise } from './model-store.ts';

const { samples } = workerData as { samples: Sample[] };
try {
  const model = train(samples);
  parentPort!.postMessage({ ok: true, json: serialise(model), quality: model.quality, labels: model.labels });
} catch (e) {
  parentPort!.postMessage({ ok: false, code: e instanceof TrainingError ? e.code : 'FAILED', message: e instanceof Error ? e.message : String(e) });
}
