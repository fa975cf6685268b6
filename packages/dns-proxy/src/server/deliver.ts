import type { HandleResult } from '../handler';

/** Calls send with the response now when it is ready now, or when the promise settles. */
export function deliver(result: HandleResult, send: (response: Buffer) => void, settled?: () => void): void {
  if (result === null) {
    settled?.();
  } else if (result instanceof Promise) {
    result.then(
      (response) => {
        settled?.();
        if (response !== null) send(response);
      },
      () => settled?.(),
    );
  } else {
    settled?.();
    send(result);
  }
}
