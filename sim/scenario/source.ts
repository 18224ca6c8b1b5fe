// A scenario file as text: parsed once with its YAML document kept, so that any key path —
// found by the schema long after parsing — can be mapped back to the line a user must edit.
// JSON is valid YAML, so one parser serves both and JSON files get line numbers too.
import { isAlias, isMap, isScalar, isSeq, LineCounter, parseDocument, type Document, type Node } from 'yaml';
import { ScenarioError } from './errors.js';

export interface Source {
  file: string;
  raw: Record<string, unknown>;
  doc: Document;
  lines: LineCounter;
}

export interface Position {
  line: number;
  column: number;
}

/** Parses text into a plain object; malformed YAML or a non-mapping is a ScenarioError. */
export function parseSource(text: string, file: string): Source {
  const lines = new LineCounter();
  const doc = parseDocument(text, { lineCounter: lines, prettyErrors: true });
  const error = doc.errors[0];
  if (error) {
    const pos = error.linePos?.[0];
    const detail = `malformed YAML: ${error.message.split('\n')[0].replace(/ at line \d+, column \d+:?$/, '')}`;
    throw new ScenarioError({ file, line: pos?.line, column: pos?.col, key: '', detail });
  }
  if (doc.contents === null)
    throw fileError(
      file,
      'the file is empty: a scenario needs at least an architecture, e.g. architecture: { kind: raft-group, nodes: 5 }',
    );
  const raw = toJS(doc, file);
  if (raw === null || typeof raw !== 'object' || Array.isArray(raw)) {
    throw fileError(
      file,
      `the file must be a mapping of scenario keys (name, architecture, workload, ...), not ${Array.isArray(raw) ? 'a list' : 'a single value'}`,
    );
  }
  return { file, raw: raw as Record<string, unknown>, doc, lines };
}

function toJS(doc: Document, file: string): unknown {
  try {
    return doc.toJS();
  } catch (error) {
    // e.g. an alias that expands too often (a "billion laughs" file)
    throw fileError(file, `cannot read the YAML: ${error instanceof Error ? error.message : String(error)}`);
  }
}

function fileError(file: string, detail: string): ScenarioError {
  return new ScenarioError({ file, line: 1, key: '', detail });
}

/** The line of the key at `path`, or of its closest ancestor present in the file (a missing key is
 * reported where it should have been written). */
export function locate(source: Source, path: readonly PropertyKey[]): Position {
  let node = source.doc.contents as Node | null;
  let offset = node?.range?.[0] ?? 0;
  for (const segment of path) {
    if (isAlias(node)) node = node.resolve(source.doc) ?? null;
    if (isMap(node)) {
      const pair = node.items.find((p) => keyText(p.key) === String(segment));
      if (!pair) break;
      offset = (pair.key as Node | null)?.range?.[0] ?? offset;
      node = pair.value as Node | null;
    } else if (isSeq(node) && typeof segment === 'number' && segment < node.items.length) {
      node = node.items[segment] as Node | null;
      offset = node?.range?.[0] ?? offset;
    } else break;
  }
  const { line, col } = source.lines.linePos(offset);
  return { line, column: col };
}

function keyText(key: unknown): string {
  return isScalar(key) ? String(key.value) : String(key);
}
