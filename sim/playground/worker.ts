// The playground's Web Worker: parses and simulates off the page's thread, so the page keeps
// drawing its progress bar and answering the Stop button (which terminates the worker).
import { parse, simulate, type PlaygroundError, type Simulated } from './simulate.js';

export interface RunRequest {
  text: string;
  file: string;
}

export type WorkerReply =
  { type: 'progress'; fraction: number } | { type: 'done'; run: Simulated } | { type: 'error'; error: PlaygroundError };

/** Fewer progress messages than the engine gives: the bar moves in steps of half a percent. */
const PROGRESS_STEP = 0.005;

export function serveRuns(scope: {
  onmessage: ((e: MessageEvent<RunRequest>) => void) | null;
  postMessage(reply: WorkerReply): void;
}): void {
  scope.onmessage = (event) => {
    const { text, file } = event.data;
    const parsed = parse(text, file);
    if (parsed.error !== undefined) {
      scope.postMessage({ type: 'error', error: parsed.error });
      return;
    }
    let shown = 0;
    const run = simulate(parsed.scenario, (fraction) => {
      if (fraction - shown < PROGRESS_STEP) return;
      shown = fraction;
      scope.postMessage({ type: 'progress', fraction });
    });
    scope.postMessage({ type: 'done', run });
  };
}
