// Growable typed-array columns: per-op and per-attempt tables that hold millions of rows
// without millions of objects.
//
// Rows are numbered from 0 for the whole run, but a column can forget a prefix (`forget`): rows
// no one will read again. Storage then holds only rows `first .. length-1`; when it is full and
// at least half of it is forgotten, the rest moves down instead of growing. A run that retires
// its ops as it goes keeps a window of a few thousand rows however long it runs (a 1000-node
// sweep point sends millions of requests).
//
// Two classes, not one generic class over both array types: a shared `push` would see Int32Array
// and Float64Array stores at the same site, and V8 makes such a site polymorphic (slower on every
// push; docs/speed.md has the measurement). Each class here keeps its own monomorphic push; only
// the making of room, which runs when storage doubles, is shared.

import { grownFloat64, grownInt32 } from './grow.js';

interface Store<T> {
  data: T;
  /** Row number of data[0]. */
  first: number;
}

/** Room for one more row: compacts when half the storage is forgotten, else doubles it. */
function roomFor<T extends Int32Array | Float64Array>(
  s: Store<T>,
  length: number,
  forgotten: number,
  grown: (old: T, n: number) => T,
): void {
  const size = s.data.length;
  if (forgotten - s.first >= size / 2) {
    s.data.copyWithin(0, forgotten - s.first, length - s.first);
    s.first = forgotten;
    return;
  }
  s.data = grown(s.data, size * 2);
}

export class IntColumn implements Store<Int32Array> {
  length = 0;
  /** The lowest row still stored (rows below were forgotten and their storage reused). */
  first = 0;
  /** Rows below this may be dropped the next time storage runs out. */
  private forgotten = 0;
  data: Int32Array;

  constructor(capacity = 1024) {
    this.data = new Int32Array(capacity);
  }

  push(value: number): number {
    if (this.length - this.first === this.data.length) roomFor(this, this.length, this.forgotten, grownInt32);
    this.data[this.length - this.first] = value;
    return this.length++;
  }
  get(i: number): number {
    return this.data[i - this.first];
  }
  set(i: number, value: number): void {
    this.data[i - this.first] = value;
  }
  /** No row below `row` will be read or written again. */
  forget(row: number): void {
    this.forgotten = row;
  }
}

export class FloatColumn implements Store<Float64Array> {
  length = 0;
  first = 0;
  private forgotten = 0;
  data: Float64Array;

  constructor(capacity = 1024) {
    this.data = new Float64Array(capacity);
  }

  push(value: number): number {
    if (this.length - this.first === this.data.length) roomFor(this, this.length, this.forgotten, grownFloat64);
    this.data[this.length - this.first] = value;
    return this.length++;
  }
  get(i: number): number {
    return this.data[i - this.first];
  }
  set(i: number, value: number): void {
    this.data[i - this.first] = value;
  }
  forget(row: number): void {
    this.forgotten = row;
  }
}
