/**
 * A fixed-capacity list that keeps the latest `capacity` items: pushing onto a full buffer
 * overwrites the oldest item, in O(1).
 */
export class RingBuffer<T> {
  readonly #items: T[] = [];
  readonly #capacity: number;
  /** Index of the oldest item once the buffer is full. */
  #start = 0;

  constructor(capacity: number) {
    this.#capacity = capacity;
  }

  /** How many items are held (at most the capacity). */
  get size(): number {
    return this.#items.length;
  }

  /** Appends `item`, dropping the oldest one when full. */
  push(item: T): void {
    if (this.#items.length < this.#capacity) {
      this.#items.push(item);
      return;
    }
    this.#items[this.#start] = item;
    this.#start = (this.#start + 1) % this.#capacity;
  }

  /** The items, oldest first. */
  toArray(): T[] {
    return [...this.#items.slice(this.#start), ...this.#items.slice(0, this.#start)];
  }
}
