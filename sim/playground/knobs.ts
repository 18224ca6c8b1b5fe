// The quick knobs of the playground: each one edits one key of the YAML under it (comments and
// the rest of the file stay as written), so what a class sees is always a scenario file.
import { isMap, parseDocument, type Document } from 'yaml';
import { parseDuration } from '../scenario/units.js';

export interface Knob {
  id: string;
  label: string;
  path: string[];
  /** What to type, shown while the file does not set the key. */
  hint: string;
}

export const KNOBS: readonly Knob[] = [
  { id: 'nodes', label: 'nodes', path: ['architecture', 'nodes'], hint: '5' },
  { id: 'election', label: 'election timeout', path: ['architecture', 'electionTimeout'], hint: '[150ms, 300ms]' },
  { id: 'heartbeat', label: 'heartbeat', path: ['architecture', 'heartbeat'], hint: '50ms' },
  { id: 'load', label: 'load', path: ['workload', 'arrival', 'rate'], hint: '2000/s' },
];

/** The fault knob's choices: each replaces the file's `faults:` list (at a third of the run). */
export const FAULTS: Readonly<Record<string, (at: string) => unknown[]>> = {
  'leader crash': (at) => [{ at, crash: 'leader', recoverAfter: '5s' }],
  'node 0 crash': (at) => [{ at, crash: 0, recoverAfter: '5s' }],
  'no fault': () => [],
};

function documentOf(text: string): Document | null {
  const doc = parseDocument(text);
  return doc.errors.length === 0 && isMap(doc.contents) ? doc : null;
}

/** Each knob's value as the file writes it ('' when the file does not set it); null for text that is not a YAML mapping. */
export function knobValues(text: string): Record<string, string> | null {
  const doc = documentOf(text);
  if (doc === null) return null;
  return Object.fromEntries(
    KNOBS.map((knob) => {
      const node = doc.getIn(knob.path, true) as { range?: [number, number, number] } | undefined;
      return [knob.id, node?.range === undefined ? '' : text.slice(node.range[0], node.range[1]).trim()];
    }),
  );
}

/** The text with one knob's key set to `value` (read as YAML: `[150ms, 300ms]` is a list), or null if the text is not a YAML mapping. */
export function setKnob(text: string, id: string, value: string): string | null {
  const knob = KNOBS.find((k) => k.id === id);
  const doc = documentOf(text);
  if (knob === undefined || doc === null) return null;
  const parsed: unknown = parseDocument(value).toJS();
  if (value.trim() === '') doc.deleteIn(knob.path);
  else doc.setIn(knob.path, doc.createNode(parsed, { flow: true }));
  return doc.toString();
}

/** The text with its `faults:` replaced by one of FAULTS, placed a third into the run. */
export function setFault(text: string, choice: string): string | null {
  const make = FAULTS[choice];
  const doc = documentOf(text);
  if (make === undefined || doc === null) return null;
  const duration = String(doc.get('duration') ?? '20s');
  doc.set('faults', doc.createNode(make(thirdOf(duration)), { flow: true }));
  return doc.toString();
}

/** A third of the run's duration, in milliseconds (10 s when the file's duration cannot be read). */
function thirdOf(duration: string): string {
  try {
    return `${Math.round(parseDuration(duration) / 3000)}ms`;
  } catch {
    return '10s';
  }
}
