import { execFileSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { loadNativeBinding } from './native';

describe.runIf(process.platform === 'linux')('native binding', () => {
  it('loads the addon and finds a runnable helper of the same protocol version', () => {
    const binding = loadNativeBinding();
    const version = binding.protocolVersion();
    expect(version).toBeGreaterThan(0);
    const out = execFileSync(binding.helperPath, ['--version'], { encoding: 'utf8' });
    expect(out.trim()).toBe(`agentsh-tracer protocol ${version}`);
  });
});
