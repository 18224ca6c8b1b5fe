// Growable typed-array columns: per-op and per-attempt tables that hold millions of rows
// without millions of objects.

type Store = Int32Array | Float64Array;

class Column<T extends Store> {
  length = 0;
  constructor(private data: T) {}

  push(value: number): number {
    if (this.length === this.data.length) {
      const bigger = new (this.data.constructor as new (n: number) => T)(this.data.length * 2);
      bigger.set(this.data);
      this.data = bigger;
    }
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

export class IntColumn extends Column<Int32Array> {
  constructor(capacity = 1024) {
    super(new Int32Array(capacity));
  }
}

export class FloatColumn extends Column<Float64Array> {
  constructor(capacity = 1024) {
    super(new Float64Array(capacity));
  }
}
