import { existsSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { table } from '../test/tables';
import { cpuLatencyTarget, holdIdlePolling, idlePollingError } from './idle-polling';
import { spawnTraced } from './spawn';

const DEVICE = '/dev/cpu_dma_latency';
const usable = process.platform === 'linux' && process.getuid?.() === 0 && existsSync(DEVICE);

const target = () => cpuLatencyTarget();

describe.skipIf(!usable)(
  `idle polling${usable ? '' : ' [skipped: needs root and /dev/cpu_dma_latency]'}`,
  () => {
    it('asks for a 0 µs wake-up latency while held, once for every holder, and gives it back', () => {
      const before = target();
      expect(before ?? 0).toBeGreaterThan(0);
      const a = holdIdlePolling();
      const b = holdIdlePolling();
      expect(target()).toBe(0);
      a();
      a(); // idempotent: b still holds
      expect(target()).toBe(0);
      b();
      expect(target()).toBe(before);
      expect(idlePollingError()).toBeUndefined();
    });

    it('holds while a command spawned with idlePolling runs, and not after it exited', async () => {
      const before = target();
      const p = await spawnTraced({
        argv: ['/bin/sh', '-c', 'read x'],
        table: table(),
        idlePolling: true,
        stdio: ['pipe', 'ignore', 'ignore'],
      });
      for await (const _ of p.events) break;
      expect(target()).toBe(0);
      p.stdin?.end('go\n');
      await p.exited;
      expect(target()).toBe(before);
    });
  },
);
