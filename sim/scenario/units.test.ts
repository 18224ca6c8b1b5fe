import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { formatDuration, parseDuration, parseRate, UnitError } from './units.js';

describe('parseDuration', () => {
  it.each([
    ['250us', 250],
    ['250µs', 250],
    ['150ms', 150_000],
    ['2s', 2_000_000],
    ['1m', 60_000_000],
    ['1.5s', 1_500_000],
    ['.5ms', 500],
    [' 10 ms ', 10_000],
    ['150', 150_000],
    ['0', 0],
    ['0.0015ms', 2], // 1.5us rounds to the nearest microsecond
    ['-5ms', -5_000], // parsed; the schema decides whether a sign makes sense for the key
  ])('%s is %i us', (text, micros) => {
    expect(parseDuration(text)).toBe(micros);
  });

  it('reads a bare number as milliseconds', () => {
    expect(parseDuration(150)).toBe(150_000);
    expect(parseDuration(0.25)).toBe(250);
  });

  it.each(['5 sec', '', 'ms', '1d', '1e3ms', '10 s s', '1,5s'])('rejects %j with a hint', (text) => {
    expect(() => parseDuration(text)).toThrow(UnitError);
    expect(() => parseDuration(text)).toThrow(`'${text}' is not a duration: use a number with us, ms, s, m or h, e.g. 150ms`);
  });

  it('rejects numbers that are not finite or too long to count', () => {
    expect(() => parseDuration(Number.NaN)).toThrow('.nan (not a number) is not a duration');
    expect(() => parseDuration(Infinity)).toThrow(
      '.inf (infinite; a number beyond about 1.8e308, such as 1e309, reads as infinite) is not a duration',
    );
    expect(() => parseDuration('99999999999999999m')).toThrow("'99999999999999999m' is too long a duration to count in microseconds");
  });

  it('reads back what formatDuration writes', () => {
    fc.assert(fc.property(fc.integer({ min: 0, max: 2 ** 50 }), (micros) => parseDuration(formatDuration(micros)) === micros));
  });
});

describe('parseRate', () => {
  it.each([
    ['5000/s', 5000],
    ['300/m', 5],
    ['300/min', 5],
    ['7200/h', 2],
    ['1.5/s', 1.5],
    ['2000', 2000],
    [' 10 / s', 10],
  ])('%s is %d per second', (text, perSecond) => {
    expect(parseRate(text)).toBe(perSecond);
  });

  it('reads a bare number as per second', () => {
    expect(parseRate(2000)).toBe(2000);
  });

  it.each(['5000 per s', '5000/ms', '/s', 'fast'])('rejects %j with a hint', (text) => {
    expect(() => parseRate(text)).toThrow(new UnitError(text, `'${text}' is not a rate: use a number per second, e.g. 5000/s`));
  });
});

describe('formatDuration', () => {
  it.each([
    [0, '0ms'],
    [250, '250us'],
    [150_000, '150ms'],
    [1_500_000, '1500ms'],
    [2_000_000, '2s'],
    [90_000_000, '90s'],
    [120_000_000, '2m'],
  ])('%i us is %s', (micros, text) => {
    expect(formatDuration(micros)).toBe(text);
  });
});
