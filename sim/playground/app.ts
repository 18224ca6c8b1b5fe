// The playground page: pick a bundled scenario or edit YAML (checked as you type, by the CLI's
// own parser), turn the quick knobs, run it in a worker, see the report and the replay. Also
// `window.leadsimPlayground` for tests and tools.
import { verdict } from '../report/verdict.js';
import { Editor } from './editor.js';
import { FAULTS, KNOBS, knobValues, setFault, setKnob } from './knobs.js';
import { showResults } from './results.js';
import { Runner } from './runner.js';
import { parse, type Simulated } from './simulate.js';

export interface PlaygroundApi {
  scenarios(): string[];
  load(name: string): void;
  /** Runs the text (under `file`, default the editor's file name) as `leadsim run` would. */
  run(yamlText: string, file?: string): Promise<{ summaryCsv: string; errors: string[] }>;
}

/** The file name a pasted scenario is checked under (and named after, without `name:`). */
const PASTED = 'scenario.yaml';
const CHECK_DELAY_MS = 150;

const byId = <T extends HTMLElement>(id: string): T => document.getElementById(id) as T;

export function startPlayground(): PlaygroundApi {
  const bundled = JSON.parse(byId('leadsim-scenarios').textContent ?? '{}') as Record<string, string>;
  const runner = new Runner(byId('leadsim-engine').textContent ?? '');
  const editor = new Editor(byId('yaml'), byId('gutter'), byId('error'));
  const picker = byId<HTMLSelectElement>('scenario');
  const progress = byId<HTMLProgressElement>('progress');
  const status = byId('status');
  const runButton = byId<HTMLButtonElement>('run');
  const stopButton = byId<HTMLButtonElement>('stop');
  const csvButton = byId<HTMLButtonElement>('download-csv');
  let file = PASTED;
  let last: Simulated | null = null;

  const knobs = buildKnobs(byId('knobs'), (change) => {
    const text = change(editor.text);
    if (text === null) return;
    editor.text = text;
    check();
  });

  function check(): boolean {
    const parsed = parse(editor.text, file);
    editor.showError(parsed.error);
    knobs.show(knobValues(editor.text));
    return parsed.error === undefined;
  }

  let pending: ReturnType<typeof setTimeout> | undefined;
  editor.textarea.addEventListener('input', () => {
    clearTimeout(pending);
    pending = setTimeout(check, CHECK_DELAY_MS);
  });

  function load(name: string): void {
    if (!(name in bundled)) throw new Error(`no bundled scenario '${name}': one of ${Object.keys(bundled).join(', ')}`);
    picker.value = name;
    file = `scenarios/${name}.yaml`;
    editor.text = bundled[name];
    check();
  }
  picker.replaceChildren(...Object.keys(bundled).map((name) => new Option(name, name)));
  picker.addEventListener('change', () => load(picker.value));

  async function run(yamlText: string, as = file): Promise<{ summaryCsv: string; errors: string[] }> {
    if (yamlText !== editor.text) editor.text = yamlText;
    file = as;
    if (!check()) return { summaryCsv: '', errors: [byId('error').textContent ?? ''] };
    runButton.disabled = true;
    stopButton.disabled = false;
    progress.value = 0;
    status.textContent = 'running…';
    const outcome = await runner.run({ text: yamlText, file }, (fraction) => (progress.value = fraction));
    runButton.disabled = false;
    stopButton.disabled = true;
    if (outcome.error !== undefined) {
      status.textContent = outcome.error.message;
      return { summaryCsv: '', errors: [outcome.error.message] };
    }
    last = outcome.run;
    progress.value = 1;
    status.textContent = statusOf(outcome.run);
    csvButton.disabled = false;
    byId('verdict').textContent = verdict(outcome.run.results, outcome.run.sweepKeys);
    showResults(
      { report: byId('report'), replay: byId('replay'), tabs: byId('replay-tabs'), downloadCsv: () => downloadCsv() },
      outcome.run,
    );
    return { summaryCsv: outcome.run.summaryCsv, errors: [] };
  }

  const downloadCsv = () => last && download('summary.csv', last.summaryCsv, 'text/csv');
  runButton.addEventListener('click', () => void run(editor.text));
  stopButton.addEventListener('click', () => runner.stop());
  csvButton.addEventListener('click', downloadCsv);
  byId('download-yaml').addEventListener('click', () => download(file.replace(/^.*\//, ''), editor.text, 'application/yaml'));

  const names = Object.keys(bundled);
  const first = decodeURIComponent(location.hash.slice(1));
  load(names.includes(first) ? first : names.includes('raft-leader-crash') ? 'raft-leader-crash' : names[0]);
  return { scenarios: () => Object.keys(bundled), load, run };
}

function statusOf(run: Simulated): string {
  const violations = run.results.reduce((n, r) => n + r.violations.length, 0);
  const missed = run.expectations.filter((e) => e.outcome === 'missed').length;
  return [
    `${run.results.length} run${run.results.length === 1 ? '' : 's'}, ${run.events.toLocaleString('en')} events`,
    violations > 0 ? `${violations} invariant violation${violations === 1 ? '' : 's'}` : '',
    run.expectations.length > 0 ? `expect: ${run.expectations.length - missed} of ${run.expectations.length} held` : '',
  ]
    .filter(Boolean)
    .join(' · ');
}

/** The knob inputs; each change hands the page a function from the old text to the new. */
function buildKnobs(
  box: HTMLElement,
  onChange: (change: (text: string) => string | null) => void,
): { show: (values: Record<string, string> | null) => void } {
  const inputs = KNOBS.map((knob) => {
    const input = document.createElement('input');
    input.id = `knob-${knob.id}`;
    input.placeholder = knob.hint;
    input.addEventListener('change', () => onChange((text) => setKnob(text, knob.id, input.value)));
    const label = document.createElement('label');
    label.append(knob.label, input);
    box.append(label);
    return input;
  });
  const fault = document.createElement('select');
  fault.id = 'knob-fault';
  fault.append(new Option('fault: as in the file', ''), ...Object.keys(FAULTS).map((name) => new Option(name, name)));
  fault.addEventListener('change', () => onChange((text) => setFault(text, fault.value)));
  box.append(fault);
  return {
    show(values) {
      KNOBS.forEach((knob, i) => {
        if (document.activeElement !== inputs[i]) inputs[i].value = values?.[knob.id] ?? '';
      });
      fault.value = '';
    },
  };
}

function download(name: string, text: string, type: string): void {
  const link = document.createElement('a');
  link.href = URL.createObjectURL(new Blob([text], { type }));
  link.download = name;
  link.click();
  setTimeout(() => URL.revokeObjectURL(link.href), 1000);
}
