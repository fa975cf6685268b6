// Idle polling: while a traced command runs, ask the kernel (PM QoS, /dev/cpu_dma_latency) for a CPU
// wake-up latency of 0 µs, so idle CPUs poll instead of halting. Every ptrace stop wakes the helper
// and then the tracee, each on another CPU; in a VM whose idle CPUs halt (haltpoll with polling off,
// as here) each of those wake-ups is a trip through the host, about half of the tracer's cost
// (docs/benchmarks.md). The price is that idle CPUs spin while any traced command runs, so it is off
// unless asked for. The request holds while its file descriptor is open (the kernel drops it when
// the process dies); one descriptor serves every command of this process.
import { closeSync, openSync, readSync, writeSync } from 'node:fs';

const DEVICE = '/dev/cpu_dma_latency';

interface Holder {
  fd: number;
  users: number;
}

let holder: Holder | undefined;
let lastError: string | undefined;

/** The kernel's current CPU wake-up latency target in µs (the smallest request held), if readable. */
export function cpuLatencyTarget(): number | undefined {
  try {
    const fd = openSync(DEVICE, 'r');
    try {
      const b = Buffer.alloc(4);
      return readSync(fd, b, 0, 4, null) === 4 ? b.readInt32LE(0) : undefined;
    } finally {
      closeSync(fd);
    }
  } catch {
    return undefined;
  }
}

/** Why the last hold could not take effect (no such device, not root), or undefined. */
export function idlePollingError(): string | undefined {
  return lastError;
}

function open(): Holder | undefined {
  try {
    const fd = openSync(DEVICE, 'w');
    const zero = Buffer.alloc(4); // an s32 latency target of 0 µs
    try {
      writeSync(fd, zero);
    } catch (err) {
      closeSync(fd);
      throw err;
    }
    lastError = undefined;
    return { fd, users: 0 };
  } catch (err) {
    lastError = `${DEVICE}: ${(err as NodeJS.ErrnoException).code ?? String(err)}`;
    return undefined;
  }
}

/**
 * Holds idle polling until the returned release function is called (idempotent). A performance hint:
 * when the device cannot be opened commands still run, and idlePollingError() says why.
 */
export function holdIdlePolling(): () => void {
  holder ??= open();
  const h = holder;
  if (!h) return () => {};
  h.users++;
  let released = false;
  return () => {
    if (released) return;
    released = true;
    h.users--;
    if (h.users === 0 && holder === h) {
      holder = undefined;
      closeSync(h.fd);
    }
  };
}
