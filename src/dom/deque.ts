/**
 * A first-in first-out queue with O(1) push and shift (amortised): `Array.prototype.shift` moves every
 * remaining element, which makes a queue of 130,000 paragraphs quadratic. Items are read from a head index
 * and the consumed prefix is dropped once it is both large and most of the array.
 */
export class Deque<T> {
  private items: T[] = [];
  private head = 0;

  get length(): number { return this.items.length - this.head; }

  push(item: T): void { this.items.push(item); }

  /** Appends every item of `list` with a loop: spreading a long array into a call throws in V8. */
  pushAll(list: Iterable<T>): void { for (const item of list) this.items.push(item); }

  shift(): T | undefined {
    if (this.head >= this.items.length) return undefined;
    const item = this.items[this.head];
    this.items[this.head] = undefined as T; // let it be collected
    this.head++;
    if (this.head >= 1024 && this.head * 2 >= this.items.length) {
      this.items = this.items.slice(this.head);
      this.head = 0;
    }
    return item;
  }

  clear(): void { this.items = []; this.head = 0; }
}
