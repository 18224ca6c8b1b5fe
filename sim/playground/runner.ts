// Runs a scenario in a Web Worker made from the page's own engine script (a worker from a Blob
// URL works from file:// too). Stop terminates the worker; the next run starts a fresh one.
import type { Simulated, PlaygroundError } from './simulate.js';
import type { RunRequest, WorkerReply } from './worker.js';

export type RunOutcome = { run: Simulated; error?: undefined } | { run?: undefined; error: PlaygroundError };

export class Runner {
  private worker: Worker | null = null;
  private url: string | null = null;
  private finish: ((outcome: RunOutcome) => void) | null = null;

  constructor(private readonly engineSource: string) {}

  get running(): boolean {
    return this.finish !== null;
  }

  /** One run at a time: a run asked for while one goes on stops that one first. */
  run(request: RunRequest, onProgress: (fraction: number) => void): Promise<RunOutcome> {
    this.stop();
    const worker = this.startWorker();
    return new Promise((resolve) => {
      this.finish = (outcome) => {
        this.finish = null;
        resolve(outcome);
      };
      worker.onmessage = (event: MessageEvent<WorkerReply>) => {
        const reply = event.data;
        if (reply.type === 'progress') onProgress(reply.fraction);
        else this.finish?.(reply.type === 'done' ? { run: reply.run } : { error: reply.error });
      };
      worker.onerror = (event) => {
        event.preventDefault();
        this.dropWorker();
        this.finish?.({
          error: {
            message: `internal error: this is a bug in leadsim, not in your input; please report it with the scenario file (${event.message})`,
          },
        });
      };
      worker.postMessage(request);
    });
  }

  /** Stops the run going on (its promise resolves with the error 'stopped'); nothing when idle. */
  stop(): void {
    if (this.finish === null) return;
    this.dropWorker();
    this.finish({ error: { message: 'stopped' } });
  }

  private startWorker(): Worker {
    if (this.worker !== null) return this.worker;
    this.url ??= URL.createObjectURL(new Blob([this.engineSource], { type: 'text/javascript' }));
    this.worker = new Worker(this.url);
    return this.worker;
  }

  private dropWorker(): void {
    this.worker?.terminate();
    this.worker = null;
  }
}
