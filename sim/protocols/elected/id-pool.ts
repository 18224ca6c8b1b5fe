// The IDs (or tokens) a server holds: the blocks the coordinator granted it, used up in the
// order they arrived. A block is [start, start + count).
import { Fifo } from './fifo.js';

export class IdPool {
  private next = 0;
  private end = 0;
  /** Blocks not yet started, as start, end pairs. */
  private readonly blocks = new Fifo();

  add(start: number, count: number): void {
    this.blocks.push(start);
    this.blocks.push(start + count);
  }

  /** The next unused ID, or -1 when the pool is empty. */
  take(): number {
    if (this.next >= this.end) {
      if (this.blocks.length === 0) return -1;
      this.next = this.blocks.shift();
      this.end = this.blocks.shift();
    }
    return this.next++;
  }

  clear(): void {
    this.next = this.end = 0;
    this.blocks.clear();
  }
}
