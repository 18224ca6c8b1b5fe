// Growable typed-array columns: per-op and per-attempt tables that hold millions of rows
// without millions of objects.
//
// Two classes, not one generic class over both array types: a shared `push` sees Int32Array and
// Float64Array stores at the same site and V8 makes it polymorphic — it was ~9% of an M/M/1 run.
// Each class here keeps its own monomorphic push; only the growing is shared.

function grown<T extends Int32Array | Float64Array>(data: T, make: (n: number) => T): T {
  const bigger = make(data.length * 2);
  bigger.set(data);
  return bigger;
}

export class IntColumn {
  length = 0;
  private data: Int32Array;

  constructor(capacity = 1024) {
    this.data = new Int32Array(capacity);
  }

  push(value: number): number {
    if (this.length === this.data.length) this.data = grown(this.data, (n) => new Int32Array(n));
    this.data[this.length] = value;
    return this.length++;
  }
  get(i: number): number {
    return this.data[i];
  }
  set(i: number, value: number): void {
    this.data[i] = value;
  }
}

export class FloatColumn {
  length = 0;
  private data: Float64Array;

  constructor(capacity = 1024) {
    this.data = new Float64Array(capacity);
  }

  push(value: number): number {
    if (this.length === this.data.length) this.data = grown(this.data, (n) => new Float64Array(n));
    this.data[this.length] = value;
    return this.length++;
  }
  get(i: number): number {
    return this.data[i];
  }
  set(i: number, value: number): void {
    this.data[i] = value;
  }
}
