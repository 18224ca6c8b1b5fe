// A scenario file as text: parsed once with its YAML document kept, so that any key path —
// found by the schema long after parsing — can be mapped back to the line a user must edit.
// JSON is valid YAML, so one parser serves both and JSON files get line numbers too.
import { isAlias, isMap, isNode, isPair, isScalar, isSeq, LineCounter, parseDocument, visit, type Document, type Node } from 'yaml';
import { ScenarioError } from './errors.js';
import { isMapping } from './expand.js';

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

/** Deeper than this is no scenario (the schema nests six levels): a generated or hostile file. */
const MAX_DEPTH = 32;

/** Values (mappings, lists, scalars) once aliases are expanded: a 4 MB file holds at most ~2 M. */
const MAX_VALUES = 2_000_000;

/** Parses text into a plain object; malformed YAML or JSON, a duplicate key, a nesting too deep
 * or a non-mapping is a ScenarioError. */
export function parseSource(text: string, file: string): Source {
  const json = /\.json$/i.test(file);
  checkFlowDepth(text, file);
  if (json) checkJsonSyntax(text, file);
  const lines = new LineCounter();
  const doc = guardDepth(file, () => parseDocument(text, { lineCounter: lines, prettyErrors: true }));
  const error = doc.errors[0];
  if (error) {
    const pos = error.linePos?.[0];
    // the parser catches its own stack overflow on deep block nesting and reports it as a parse error
    if (error.message.includes('Maximum call stack')) throw tooDeep(file, pos?.line);
    if (error.code === 'DUPLICATE_KEY') throw duplicateKeyError(doc, lines, file) ?? fileError(file, 'a key appears twice in one mapping');
    const detail = `malformed ${json ? 'JSON' : 'YAML'}: ${error.message.split('\n')[0].replace(/ at line \d+, column \d+:?$/, '')}`;
    throw new ScenarioError({ file, line: pos?.line, column: pos?.col, key: '', detail });
  }
  if (doc.contents === null)
    throw fileError(
      file,
      'the file is empty: a scenario needs at least an architecture, e.g. architecture: { kind: raft-group, nodes: 5 }',
    );
  const values = expandedValues(doc);
  if (values > MAX_VALUES)
    throw fileError(
      file,
      `its aliases (*name) expand it to ${values > 1e12 ? 'more than 10^12' : values.toLocaleString('en-US')} values; at most ${MAX_VALUES.toLocaleString('en-US')}: reuse less, or split the file`,
    );
  const raw = guardDepth(file, () => toJS(doc, file));
  if (!isMapping(raw)) {
    throw fileError(
      file,
      `the file must be a mapping of scenario keys (name, architecture, workload, ...), not ${Array.isArray(raw) ? 'a list' : 'a single value'}`,
    );
  }
  if (depthOf(raw) > MAX_DEPTH) throw tooDeep(file);
  return { file, raw, doc, lines };
}

/** A parsed node, or null for anything else (an empty value, a key or item of no node). */
function nodeOrNull(value: unknown): Node | null {
  return isNode(value) ? value : null;
}

/** JSON's own rules (no trailing commas, no comments, quoted keys), which YAML would let pass. */
function checkJsonSyntax(text: string, file: string): void {
  try {
    JSON.parse(text);
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    const at = /position (\d+)/.exec(message);
    const offset = at ? Number(at[1]) : undefined;
    const line = offset === undefined ? undefined : text.slice(0, offset).split('\n').length;
    const detail = `malformed JSON: ${message.replace(/^JSON\.parse: /, '').replace(/ in JSON at position \d+.*$/, '')}`;
    throw new ScenarioError({ file, line, key: '', detail });
  }
}

/** Nesting of [ and { counted on the text, so a hostile file never reaches the recursive parser. */
function checkFlowDepth(text: string, file: string): void {
  let depth = 0;
  let quote = '';
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (quote !== '') {
      if (c === '\\' && quote === '"') i++;
      else if (c === quote) quote = '';
    } else if (c === '"' || c === "'") quote = c;
    else if (c === '#' && (i === 0 || /\s/.test(text[i - 1]))) i = text.indexOf('\n', i) === -1 ? text.length : text.indexOf('\n', i);
    else if (c === '[' || c === '{') {
      if (++depth > MAX_DEPTH) throw tooDeep(file, text.slice(0, i).split('\n').length);
    } else if ((c === ']' || c === '}') && depth > 0) depth--;
  }
}

/** A recursion too deep for the parser (block nesting the text scan does not count) is the file's fault. */
function guardDepth<T>(file: string, parse: () => T): T {
  try {
    return parse();
  } catch (error) {
    if (error instanceof RangeError) throw tooDeep(file);
    throw error;
  }
}

function depthOf(value: unknown): number {
  let deepest = 0;
  const stack: [unknown, number][] = [[value, 0]];
  while (stack.length > 0) {
    const [v, depth] = stack.pop()!;
    deepest = Math.max(deepest, depth);
    if (depth <= MAX_DEPTH && v !== null && typeof v === 'object') for (const child of Object.values(v)) stack.push([child, depth + 1]);
  }
  return deepest;
}

function tooDeep(file: string, line?: number): ScenarioError {
  return new ScenarioError({ file, line, key: '', detail: `nested more than ${MAX_DEPTH} levels deep: no scenario needs that` });
}

/** The first key that a mapping repeats, named, at the line of its second appearance. */
function duplicateKeyError(doc: Document, lines: LineCounter, file: string): ScenarioError | undefined {
  let found: ScenarioError | undefined;
  visit(doc, {
    Map(_, map, path) {
      const seen = new Map<string, number>();
      for (const pair of map.items) {
        const key = keyText(pair.key);
        const offset = nodeOrNull(pair.key)?.range?.[0] ?? 0;
        const earlier = seen.get(key);
        if (earlier !== undefined) {
          const keyPath = [...pathKeys([...path, map]), key].join('.');
          found = new ScenarioError({
            file,
            line: lines.linePos(offset).line,
            key: keyPath,
            detail: `duplicate key '${key}' (first at line ${lines.linePos(earlier).line}): a key may appear once in a mapping`,
          });
          return visit.BREAK;
        }
        seen.set(key, offset);
      }
      return undefined;
    },
  });
  return found;
}

/** The key path to the last of `chain` (a node and the ancestors visit() passes before it). */
function pathKeys(chain: readonly unknown[]): string[] {
  return chain.flatMap((node, i) => {
    if (isPair(node)) return [keyText(node.key)];
    if (isSeq(node)) return [String(node.items.findIndex((item) => item === chain[i + 1]))];
    return [];
  });
}

function toJS(doc: Document, file: string): unknown {
  try {
    return doc.toJS();
  } catch (error) {
    if (error instanceof RangeError) throw error;
    // e.g. an alias that expands too often (a "billion laughs" file)
    throw fileError(file, `cannot read the YAML: ${error instanceof Error ? error.message : String(error)}`);
  }
}

/**
 * How many values the document holds with every alias expanded, counted on the parsed tree in
 * one pass (an anchor's size is remembered where it is defined), so nothing is expanded to count.
 */
function expandedValues(doc: Document): number {
  const anchors = new Map<string, number>();
  const walk = (node: unknown): number => {
    if (isAlias(node)) return anchors.get(node.source) ?? 1;
    let size = 1;
    if (isMap(node) || isSeq(node)) for (const item of node.items) size += isPair(item) ? walk(item.key) + walk(item.value) : walk(item);
    const anchor = nodeOrNull(node)?.anchor;
    if (anchor !== undefined) anchors.set(anchor, size);
    return size;
  };
  return walk(doc.contents);
}

function fileError(file: string, detail: string): ScenarioError {
  return new ScenarioError({ file, line: 1, key: '', detail });
}

/** The line of the key at `path`, or of its closest ancestor present in the file (a missing key is
 * reported where it should have been written). */
export function locate(source: Source, path: readonly PropertyKey[]): Position {
  let node = nodeOrNull(source.doc.contents);
  let offset = node?.range?.[0] ?? 0;
  for (const segment of path) {
    if (isAlias(node)) node = node.resolve(source.doc) ?? null;
    if (isMap(node)) {
      const pair = node.items.find((p) => keyText(p.key) === String(segment));
      if (!pair) break;
      offset = nodeOrNull(pair.key)?.range?.[0] ?? offset;
      node = nodeOrNull(pair.value);
    } else if (isSeq(node) && typeof segment === 'number' && segment < node.items.length) {
      node = nodeOrNull(node.items[segment]);
      offset = node?.range?.[0] ?? offset;
    } else break;
  }
  const { line, col } = source.lines.linePos(offset);
  return { line, column: col };
}

function keyText(key: unknown): string {
  return isScalar(key) ? String(key.value) : String(key);
}
