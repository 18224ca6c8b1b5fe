// A flat array of fixed-size records that stays under a cap by keeping one in `every` of its
// thinnable records, doubling `every` (and dropping every other kept record) whenever the cap
// is reached. Deterministic: the same stream of records gives the same survivors.

export class ThinnedRecords {
  data: number[] = [];
  /** One in `every` thinnable records is kept. */
  every = 1;
  /** Records offered, kept or not. */
  seen = 0;
  /** Records that are never thinned (votes). */
  keepAlways: (data: readonly number[], at: number) => boolean = () => false;
  private thinnable = 0;
  private kept = 0;

  constructor(
    private readonly size: number,
    private readonly cap: number,
  ) {}

  add(...values: number[]): void {
    this.seen++;
    const at = this.data.length;
    this.data.push(...values);
    if (this.keepAlways(this.data, at)) return;
    if (this.thinnable++ % this.every !== 0) {
      this.data.length = at;
      return;
    }
    if (++this.kept > this.cap) this.halve();
  }

  private halve(): void {
    this.every *= 2;
    const kept: number[] = [];
    let nth = 0;
    this.kept = 0;
    for (let at = 0; at < this.data.length; at += this.size) {
      const always = this.keepAlways(this.data, at);
      if (!always && nth++ % 2 === 1) continue;
      if (!always) this.kept++;
      for (let i = 0; i < this.size; i++) kept.push(this.data[at + i]);
    }
    this.data = kept;
  }

  /** The records ordered by one field (stable). */
  sortedBy(field: number): number[] {
    const count = this.data.length / this.size;
    const order = Array.from({ length: count }, (_, i) => i);
    order.sort((a, b) => this.data[a * this.size + field] - this.data[b * this.size + field] || a - b);
    const out: number[] = [];
    for (const r of order) for (let i = 0; i < this.size; i++) out.push(this.data[r * this.size + i]);
    return out;
  }
}
