import { Worker } from 'node:worker_threads';
import type { HeldOutQuality, Sample } from './model.ts';
import { TrainingError } from './model.ts';

export interface TrainedModel {
  json: string;
  quality: HeldOutQuality | null;
  labels: string[];
}

/** train() in a worker thread (train.worker.ts); rejects with TrainingError as train() throws it. */
export function trainInWorker(samples: readonly { title: string; content: string; label: string }[]): Promise<TrainedModel> {
  return new Promise((resolve, reject) => {
    const worker = new Worker(new URL('./train.worker.ts', import.meta.url), {
      workerData: { samples: samples satisfies readonly Sample[] },
      // The server's own heap is capped small (npm start); the worker gets room of its own for a large history.
      resourceLimits: { maxOldGenerationSizeMb: 512 },
    });
    let settled = false;
    worker.once('message', (m: { ok: true; json: string; quality: HeldOutQuality | null; labels: string[] } | { ok: false; code: string; message: string }) => {
      settled = true;
      if (m.ok) resolve({ json: m.json, quality: m.quality, labels: m.labels });
      else reject(m.code === 'NO_SAMPLES' || m.code === 'ONE_LABEL' ? new TrainingError(m.code, m.message) : new Error(m.message));
      void worker.terminate();
    });
    worker.once('error', (e) => {
      if (!settled) reject(e);
      settled = true;
    });
    worker.once('exit', (code) => {
      if (!settled) reject(new Error(`训练进程意外退出（exit code ${code}）`));
      settled = true;
    });
  });
}
