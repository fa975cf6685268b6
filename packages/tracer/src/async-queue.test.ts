import { describe, expect, it } from 'vitest';
import { AsyncQueue } from './async-queue';

async function drain<T>(q: AsyncQueue<T>): Promise<T[]> {
  const out: T[] = [];
  for await (const x of q) out.push(x);
  return out;
}

describe('AsyncQueue', () => {
  it('delivers items in order to a waiting or a late consumer', async () => {
    const q = new AsyncQueue<number>();
    const early = q[Symbol.asyncIterator]().next();
    q.push(1);
    q.push(2);
    q.end();
    expect(await early).toEqual({ value: 1, done: false });
    expect(await drain(q)).toEqual([2]);
  });

  it('drops past the bound and reports how many with one marker item', async () => {
    const q = new AsyncQueue<string>(3, (n) => `dropped ${n}`);
    for (let i = 0; i < 10; i++) q.push(`e${i}`);
    expect(q.size).toBe(3);
    const it = q[Symbol.asyncIterator]();
    await it.next();
    await it.next();
    q.push('late');
    q.end();
    const rest: string[] = [];
    for (let r = await it.next(); !r.done; r = await it.next()) rest.push(r.value);
    expect(rest).toEqual(['e2', 'dropped 7', 'late']);
  });

  it('reports drops still pending when it ends', async () => {
    const q = new AsyncQueue<string>(1, (n) => `dropped ${n}`);
    q.push('a');
    q.push('b');
    q.end();
    expect(await drain(q)).toEqual(['a', 'dropped 1']);
  });
});
