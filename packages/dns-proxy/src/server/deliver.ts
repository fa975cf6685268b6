import type { HandleResult } from '../handler';

/**
 * Runs one query through the handler and calls send with the response now when it is ready now, or
 * when the promise settles. Nothing thrown or rejected escapes, from the handler or from send (a
 * socket closed while the answer was on its way): a listener must never crash on one packet.
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
  if (result instanceof Promise) {
    result.then(
      (response) => finish(response, send, settled),
      () => settled?.(),
    );
  } else {
    finish(result, send, settled);
  }
}

function finish(response: Buffer | null, send: (response: Buffer) => void, settled?: () => void): void {
  settled?.();
  if (response === null) return;
  try {
    send(response);
  } catch {
    // the socket went away; the client will retry
  }
}
