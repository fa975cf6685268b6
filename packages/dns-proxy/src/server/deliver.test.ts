import { describe, expect, it } from 'vitest';
import { deliver } from './deliver';

describe('deliver', () => {
  it('sends a response that is ready now or later, and settles once either way', async () => {
    const sent: string[] = [];
    let settled = 0;
    const send = (b: Buffer): void => void sent.push(b.toString());
    deliver(
      () => Buffer.from('now'),
      send,
      () => settled++,
    );
    deliver(
      () => Promise.resolve(Buffer.from('later')),
      send,
      () => settled++,
    );
    deliver(
      () => null,
      send,
      () => settled++,
    );
    await new Promise((r) => setImmediate(r));
    expect(sent).toEqual(['now', 'later']);
    expect(settled).toBe(3);
  });

  it('swallows a throwing or rejecting handler', async () => {
    let settled = 0;
    const send = (): void => {
      throw new Error('must not send');
    };
    expect(() =>
      deliver(
        () => {
          throw new Error('bug');
        },
        send,
        () => settled++,
      ),
    ).not.toThrow();
    deliver(
      () => Promise.reject(new Error('bug')),
      send,
      () => settled++,
    );
    await new Promise((r) => setImmediate(r));
    expect(settled).toBe(2);
  });
});

describe('deliver with a failing send', () => {
  it('swallows a send that throws, now or later', async () => {
    const send = (): void => {
      throw new Error('socket closed');
    };
    expect(() => deliver(() => Buffer.from('x'), send)).not.toThrow();
    const rejections: unknown[] = [];
    const onRejection = (reason: unknown): void => void rejections.push(reason);
    process.on('unhandledRejection', onRejection);
    deliver(() => Promise.resolve(Buffer.from('y')), send);
    await new Promise((r) => setTimeout(r, 20));
    process.off('unhandledRejection', onRejection);
    expect(rejections).toEqual([]);
  });
});
