/**
 * The clustering's CPU work off the main thread: a HotCorpus lives in a worker (hot.worker.ts)
 * and this proxy has the corpus' own interface, so the job streams cases from the database in
 * the server process while the worker counts, builds vectors and clusters. At a city's volume a
 * run is minutes of CPU (measured in hot.job.ts); in the server's thread it would stop every
 * request for that long. Texts go over in batches (structured clone, in order); the labels'
 * texts come back on request while the worker clusters.
 */
import { Worker } from 'node:worker_threads';
import type { HotCluster, HotOptions, PreparedDocument } from './cluster.ts';

/** What computeDistrict needs of a corpus: HotCorpus itself, or this proxy. */
export interface CorpusLike {
  count(normalised: string): void;
  add(doc: PreparedDocument): void;
  readonly size: number;
  clusters(textsOf: (ids: string[]) => Map<string, string> | Promise<Map<string, string>>): Promise<HotCluster[]>;
}

/** Messages to the worker. */
export type ToWorker =
  | { type: 'count'; texts: string[] }
  | { type: 'add'; docs: PreparedDocument[] }
  | { type: 'cluster' }
  | { type: 'texts'; id: number; texts: Array<[string, string]> };
/** Messages from the worker. */
export type FromWorker =
  | { type: 'texts'; id: number; ids: string[] }
  | { type: 'done'; clusters: HotCluster[] }
  | { type: 'error'; message: string };

const BATCH = 1000;

export class WorkerCorpus implements CorpusLike {
  private readonly worker: Worker;
  private counted = 0;
  private texts: string[] = [];
  private docs: PreparedDocument[] = [];
  private failed: Error | null = null;

  constructor(options: Partial<HotOptions>) {
    this.worker = new Worker(new URL('./hot.worker.ts', import.meta.url), {
      workerData: { options },
      // The server's own heap is capped small (npm start); a window of a city's cases needs room of its own.
      resourceLimits: { maxOldGenerationSizeMb: 1024 },
    });
    this.worker.on('error', (e) => (this.failed ??= e));
  }

  private post(m: ToWorker): void {
    if (this.failed) throw this.failed;
    this.worker.postMessage(m);
  }

  count(normalised: string): void {
    this.counted++;
    this.texts.push(normalised);
    if (this.texts.length >= BATCH) this.flush();
  }

  add(doc: PreparedDocument): void {
    if (this.texts.length) this.flush();
    this.docs.push(doc);
    if (this.docs.length >= BATCH) this.flush();
  }

  get size(): number {
    return this.counted;
  }

  private flush(): void {
    if (this.texts.length) this.post({ type: 'count', texts: this.texts });
    if (this.docs.length) this.post({ type: 'add', docs: this.docs });
    this.texts = [];
    this.docs = [];
  }

  /** Clusters in the worker; the worker ends afterwards, whatever happens. */
  clusters(textsOf: (ids: string[]) => Map<string, string> | Promise<Map<string, string>>): Promise<HotCluster[]> {
    return new Promise<HotCluster[]>((resolve, reject) => {
      let settled = false;
      const end = (f: () => void) => {
        if (settled) return;
        settled = true;
        this.worker.off('message', onMessage);
        f();
        void this.worker.terminate();
      };
      const onMessage = (m: FromWorker) => {
        if (m.type === 'done') end(() => resolve(m.clusters));
        else if (m.type === 'error') end(() => reject(new Error(`热点聚类失败：${m.message}`)));
        else {
          Promise.resolve(textsOf(m.ids)).then(
            (map) => this.worker.postMessage({ type: 'texts', id: m.id, texts: [...map] } satisfies ToWorker),
            (e: unknown) => end(() => reject(e instanceof Error ? e : new Error(String(e)))),
          );
        }
      };
      this.worker.on('message', onMessage);
      this.worker.once('error', (e) => end(() => reject(e)));
      this.worker.once('exit', (code) => end(() => reject(new Error(`热点聚类进程意外退出（exit code ${code}）`))));
      try {
        this.flush();
        this.post({ type: 'cluster' });
      } catch (e) {
        end(() => reject(e instanceof Error ? e : new Error(String(e))));
      }
    });
  }

  /** Ends the worker (after clustering it has ended already; a run that failed before needs it). */
  close(): void {
    void this.worker.terminate();
  }
}
