import type { HandleResult } from '../handler';

/**
 * Runs one query through the handler and calls send with the response now when it is ready now, or
 * when the promise settles. Nothing thrown or rejected escapes: a listener must never crash on one packet.
 */
export function deliver(
  handle: () => HandleResult,
  send: (response: Buffer) => void,
  settled?: () => void,
): void {
  let result: HandleResult;
  try {
    result = handle();
  } catch {
    settled?.();
    return;
  }
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
