// A finished run on the page: the report `leadsim run` writes (verdict, comparison, charts drawn
// by d3 on this page's DOM, summary table) in one frame, the replay of trial 0 of each variant
// in another. Links the report's files would follow (CSV files, replay pages) act on the page.
import { renderCharts } from '../report/charts/index.js';
import { INDEX_FILE, SUMMARY_FILE } from '../report/files.js';
import { renderIndexHtml } from '../report/html.js';
import type { ReplayFile } from '../report/replay/replays.js';
import type { Simulated } from './simulate.js';

export interface ResultsView {
  report: HTMLIFrameElement;
  replay: HTMLIFrameElement;
  tabs: HTMLElement;
  /** Called for a link to summary.csv in the report. */
  downloadCsv: () => void;
}

export function showResults(view: ResultsView, run: Simulated): void {
  const input = {
    scenario: run.scenario,
    description: run.description,
    results: run.results,
    sweepKeys: run.sweepKeys,
    replays: run.replays,
  };
  const charts = renderCharts(input);
  view.report.onload = () => wireReport(view, run.replays);
  view.report.srcdoc = renderIndexHtml(input, charts);
  view.tabs.replaceChildren(
    ...run.replays.map((replay) => {
      const button = document.createElement('button');
      button.textContent = replay.variant;
      button.dataset.replay = replay.variant;
      button.addEventListener('click', () => showReplay(view, replay));
      return button;
    }),
  );
  view.replay.hidden = run.replays.length === 0;
  if (run.replays.length > 0) showReplay(view, run.replays[0]);
}

/** The replay in its own document at a Blob URL (not srcdoc: the player writes the time into the
 *  URL's hash, which an about:srcdoc document cannot). Its link back to the report goes: the report is above. */
function showReplay(view: ResultsView, replay: ReplayFile): void {
  for (const tab of view.tabs.querySelectorAll<HTMLElement>('button')) tab.classList.toggle('on', tab.dataset.replay === replay.variant);
  view.replay.dataset.variant = replay.variant;
  const html = replay.html.replace(`<p class="back"><a href="${INDEX_FILE}">← report</a></p>`, '');
  const previous = view.replay.src;
  view.replay.src = URL.createObjectURL(new Blob([html], { type: 'text/html' }));
  if (previous.startsWith('blob:')) URL.revokeObjectURL(previous);
}

/** The report frame sized to its page; its links to files answered by the page. */
function wireReport(view: ResultsView, replays: readonly ReplayFile[]): void {
  const doc = view.report.contentDocument;
  if (doc === null) return;
  view.report.style.height = `${doc.documentElement.scrollHeight + 20}px`;
  doc.addEventListener('click', (event) => {
    const link = (event.target as Element).closest('a');
    const href = link?.getAttribute('href');
    if (href === null || href === undefined || href.startsWith('#')) return;
    event.preventDefault();
    const replay = replays.find((r) => r.file === href);
    if (replay !== undefined) {
      showReplay(view, replay);
      view.replay.scrollIntoView();
    } else if (href === SUMMARY_FILE) view.downloadCsv();
  });
}
