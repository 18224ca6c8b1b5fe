// The playground's one script: on the page it starts the page; inside the worker the page makes
// from this same script's text, it serves runs.
import { startPlayground, type PlaygroundApi } from './app.js';
import { serveRuns } from './worker.js';

declare global {
  interface Window {
    leadsimPlayground?: PlaygroundApi;
  }
}

if (typeof document === 'undefined') serveRuns(self as unknown as Parameters<typeof serveRuns>[0]);
else window.leadsimPlayground = startPlayground();
