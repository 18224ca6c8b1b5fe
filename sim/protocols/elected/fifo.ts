// A first-in first-out queue of numbers: an array and a head index, compacted when the dead
// prefix outgrows the live part, so pushing and shifting stay O(1) without an object per item.

const COMPACT_AFTER = 1024;

export class Fifo {
  private items: number[] = [];
  private head = 0;

  get length(): number {
    return this.items.length - this.head;
  }

  push(value: number): void {
    this.items.push(value);
  }

  /** The oldest item; undefined behaviour when empty (check `length`). */
  peek(): number {
    return this.items[this.head];
  }

  shift(): number {
    const value = this.items[this.head++];
    if (this.head >= COMPACT_AFTER && this.head * 2 >= this.items.length) {
      this.items = this.items.slice(this.head);
      this.head = 0;
    }
    return value;
  }

  clear(): void {
    this.items = [];
    this.head = 0;
  }
}
