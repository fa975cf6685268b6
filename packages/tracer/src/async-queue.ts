/** A push-based AsyncIterable: producers push, one consumer iterates; end() or fail() finish it. */
export class AsyncQueue<T> implements AsyncIterable<T> {
  private items: T[] = [];
  private waiters: ((r: IteratorResult<T>) => void)[] = [];
  private failures: ((e: unknown) => void)[] = [];
  private done = false;
  private error: unknown = undefined;

  push(item: T): void {
    if (this.done) return;
    const waiter = this.waiters.shift();
    this.failures.shift();
    if (waiter) waiter({ value: item, done: false });
    else this.items.push(item);
  }

  end(): void {
    this.done = true;
    for (const w of this.waiters.splice(0)) w({ value: undefined, done: true });
    this.failures.length = 0;
  }

  fail(error: unknown): void {
    this.error = error;
    this.done = true;
    for (const f of this.failures.splice(0)) f(error);
    this.waiters.length = 0;
  }

  [Symbol.asyncIterator](): AsyncIterator<T> {
    return {
      next: () => {
        const item = this.items.shift();
        if (item !== undefined) return Promise.resolve({ value: item, done: false });
        if (this.error !== undefined) return Promise.reject(this.error);
        if (this.done) return Promise.resolve({ value: undefined, done: true });
        return new Promise((resolve, reject) => {
          this.waiters.push(resolve);
          this.failures.push(reject);
        });
      },
    };
  }
}
