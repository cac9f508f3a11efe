/**
 * The hot-issue clustering's worker (cluster-worker.ts): a HotCorpus fed by messages, in order —
 * texts to count, documents to add, then `cluster`, during which the labels' texts are asked
 * of the main thread (it reads them from the database).
 */
import { parentPort, workerData } from 'node:worker_threads';
import { HotCorpus, type HotOptions } from './cluster.ts';
import type { FromWorker, ToWorker } from './cluster-worker.ts';

const port = parentPort!;
const corpus = new HotCorpus((workerData as { options: Partial<HotOptions> }).options);
let next = 0;
const waiting = new Map<number, (texts: Map<string, string>) => void>();
const send = (m: FromWorker) => port.postMessage(m);

// A failure while counting or adding is kept and answered when the job asks for the clusters.
let failure: string | null = null;
const message = (e: unknown) => (e instanceof Error ? e.message : String(e));

port.on('message', (m: ToWorker) => {
  if (m.type === 'texts') {
    waiting.get(m.id)?.(new Map(m.texts));
    waiting.delete(m.id);
    return;
  }
  if (m.type === 'cluster') {
    if (failure !== null) return send({ type: 'error', message: failure });
    corpus
      .clusters((ids) => new Promise((resolve) => {
        const id = next++;
        waiting.set(id, resolve);
        send({ type: 'texts', id, ids });
      }))
      .then((clusters) => send({ type: 'done', clusters }), (e: unknown) => send({ type: 'error', message: message(e) }));
    return;
  }
  if (failure !== null) return;
  try {
    if (m.type === 'count') for (const t of m.texts) corpus.count(t);
    else for (const d of m.docs) corpus.add(d);
  } catch (e) {
    failure = message(e);
  }
});
