// Durations and rates as people write them in scenario files ("150ms", "5000/s"), turned into
// the engine's units: integer microseconds and events per second. Signs are parsed, not judged:
// whether zero or a negative value makes sense depends on the key, so the schema decides.
import type { Micros } from './scenario.js';

/** Text that is not a duration or a rate; the message says what would be valid. */
export class UnitError extends Error {
  constructor(
    readonly text: string,
    message: string,
  ) {
    super(message);
    this.name = 'UnitError';
  }
}

const NUMBER = String.raw`[+-]?(?:\d+(?:\.\d*)?|\.\d+)`;
const DURATION = new RegExp(String.raw`^(${NUMBER})\s*(us|µs|ms|s|m|h)?$`);
const RATE = new RegExp(String.raw`^(${NUMBER})\s*(?:/\s*(s|m|min|h))?$`);

const MICROS_PER: Record<string, number> = { us: 1, µs: 1, ms: 1_000, s: 1_000_000, m: 60_000_000, h: 3_600_000_000 };
const SECONDS_PER: Record<string, number> = { s: 1, m: 60, min: 60, h: 3600 };

const DURATION_HINT = 'use a number with us, ms, s, m or h, e.g. 150ms';
const RATE_HINT = 'use a number per second, e.g. 5000/s';

/** A number JSON cannot show (YAML's .nan and .inf, or 1e309, too big to be anything but infinite). */
export function showNonFinite(value: number): string {
  if (Number.isNaN(value)) return '.nan (not a number)';
  return `${value < 0 ? '-' : ''}.inf (infinite; a number beyond about 1.8e308, such as 1e309, reads as infinite)`;
}

/** "250us", "150ms", "1.5s", "1m", "2h" → integer microseconds (rounded); a bare number means milliseconds. */
export function parseDuration(input: string | number): Micros {
  if (typeof input === 'number') return toMicros(input, 'ms', input);
  const match = DURATION.exec(input.trim());
  if (!match) throw new UnitError(input, `'${input}' is not a duration: ${DURATION_HINT}`);
  return toMicros(Number(match[1]), match[2] ?? 'ms', input);
}

/** "5000/s", "300/m" → events per second; a bare number means per second. */
export function parseRate(input: string | number): number {
  const text = String(input);
  const match = typeof input === 'number' ? null : RATE.exec(input.trim());
  const value = typeof input === 'number' ? input : match ? Number(match[1]) : NaN;
  if (!Number.isFinite(value)) throw new UnitError(text, `${shown(input)} is not a rate: ${RATE_HINT}`);
  return value / SECONDS_PER[match?.[2] ?? 's'];
}

/** The input as a message quotes it: text in quotes, a number JSON cannot show spelled out. */
function shown(input: string | number): string {
  return typeof input === 'number' && !Number.isFinite(input) ? showNonFinite(input) : `'${input}'`;
}

function toMicros(value: number, unit: string, text: string | number): Micros {
  if (!Number.isFinite(value)) throw new UnitError(String(text), `${shown(text)} is not a duration: ${DURATION_HINT}`);
  const micros = Math.round(value * MICROS_PER[unit]);
  if (!Number.isSafeInteger(micros)) throw new UnitError(String(text), `${shown(text)} is too long a duration to count in microseconds`);
  return micros === 0 ? 0 : micros; // no -0: it would print as "0" yet compare oddly in tests
}

/** Integer microseconds in the largest unit that shows them exactly: 1500000 → "1500ms". */
export function formatDuration(micros: Micros): string {
  if (micros !== 0 && micros % 3_600_000_000 === 0) return `${micros / 3_600_000_000}h`;
  if (micros !== 0 && micros % 60_000_000 === 0) return `${micros / 60_000_000}m`;
  if (micros !== 0 && micros % 1_000_000 === 0) return `${micros / 1_000_000}s`;
  if (micros % 1_000 === 0) return `${micros / 1_000}ms`;
  return `${micros}us`;
}
