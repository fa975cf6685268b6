/**
 * A push-based AsyncIterable with a bound: when the consumer falls behind by `max` items, new items
 * are dropped and counted, and `onDrop(count)` makes the item that reports them once there is room.
 */
export class AsyncQueue<T> implements AsyncIterable<T> {
  private items: T[] = [];
  private waiters: ((r: IteratorResult<T>) => void)[] = [];
  private done = false;
  private dropped = 0;
  private readonly max: number;
  private readonly onDrop: ((count: number) => T) | undefined;

  constructor(max = Number.POSITIVE_INFINITY, onDrop?: (count: number) => T) {
    this.max = max;
    this.onDrop = onDrop;
  }

  push(item: T): void {
    if (this.done) return;
    const waiter = this.waiters.shift();
    if (waiter) {
      waiter({ value: item, done: false });
      return;
    }
    if (this.items.length >= this.max) {
      this.dropped++;
      return;
    }
    if (this.dropped > 0 && this.onDrop && this.items.length + 1 < this.max) {
      this.items.push(this.onDrop(this.dropped));
      this.dropped = 0;
    }
    this.items.push(item);
  }

  end(): void {
    if (this.dropped > 0 && this.onDrop) this.items.push(this.onDrop(this.dropped));
    this.dropped = 0;
    this.done = true;
    for (const w of this.waiters.splice(0)) w({ value: undefined, done: true });
  }

  /** Items waiting for the consumer. */
  get size(): number {
    return this.items.length;
  }

  [Symbol.asyncIterator](): AsyncIterator<T> {
    return {
      next: () => {
        if (this.items.length > 0) return Promise.resolve({ value: this.items.shift() as T, done: false });
        if (this.done) return Promise.resolve({ value: undefined, done: true });
        return new Promise((resolve) => this.waiters.push(resolve));
      },
    };
  }
}
