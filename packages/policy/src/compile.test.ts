import { describe, expect, it } from 'vitest';
import { compile } from './compile';
import { parsePolicy } from './parse-policy';

function tableOf(yaml: string, approvalsEnforced = false) {
  const r = parsePolicy(`version: 1\nname: t\n${yaml}`);
  if (!r.ok) throw new Error(JSON.stringify(r.issues));
  return compile(r.policy, { approvalsEnforced });
}

describe('compile', () => {
  it('flattens rules into the documented table shape', () => {
    const t = tableOf(
      [
        'file_rules: [{name: f, paths: [/a/**], operations: [OPEN, frob], decision: approve, timeout: 2m, message: "m {{.Path}}"}]',
        'command_rules: [{name: c, commands: [/usr/bin/GIT, "/opt/*/x", sh, "py*"], args_patterns: ["\\\\d+"], context: [nested], decision: deny}]',
        'network_rules: [{name: n, domains: [GitHub.com], ports: [443], cidrs: ["10.1.2.3/8", "::ffff:192.168.0.0/112"], decision: allow}]',
        'signal_rules: [{name: s, signals: ["@reload", 9, TERM], decision: deny}]',
      ].join('\n'),
      true,
    );
    expect(t.file[0]).toEqual({
      name: 'f',
      decision: 'approve',
      effective: 'approve',
      message: 'm {{.Path}}',
      timeoutMs: 120_000,
      globs: ['/a/**'],
      ops: ['open'],
    });
    expect(t.command[0]).toMatchObject({
      fullPaths: ['/usr/bin/git'],
      pathGlobs: ['/opt/*/x'],
      names: ['sh'],
      nameGlobs: ['py*'],
      anyCommand: false,
      args: [{ source: '\\d+', ere: '[0-9]+', caseInsensitive: false }],
      minDepth: 1,
      maxDepth: -1,
    });
    expect(t.network[0]).toMatchObject({
      domains: ['github.com'],
      ports: [443],
      cidrs: ['10.0.0.0/8', '192.168.0.0/16'],
    });
    expect(t.signal[0]?.signals).toEqual([1, 10, 12, 9, 15]);
    expect(JSON.parse(JSON.stringify(t))).toEqual(t);
  });

  it('computes which syscall classes need a stop', () => {
    expect(tableOf('').stop).toEqual({
      exec: true,
      file: true,
      readOnlyOpen: true,
      network: true,
      unixSocket: false,
      signal: false,
    });
    const open = tableOf(
      [
        'file_rules: [{name: w, paths: ["/etc/**"], operations: [write], decision: deny}, {name: all, paths: ["**"], decision: allow}]',
        'command_rules: [{name: all, commands: ["*"], decision: allow}]',
        'network_rules: [{name: all, decision: allow}]',
      ].join('\n'),
    );
    expect(open.stop).toEqual({
      exec: false,
      file: true,
      readOnlyOpen: false,
      network: false,
      unixSocket: false,
      signal: false,
    });
    expect(tableOf('command_rules: [{name: a, commands: ["*"], decision: approve}]').stop.exec).toBe(false);
    expect(tableOf('command_rules: [{name: a, commands: ["*"], decision: approve}]', true).stop.exec).toBe(
      true,
    );
  });

  it('refuses args patterns that have no POSIX ERE form', () => {
    expect(() => tableOf('command_rules: [{name: a, args_patterns: ["[\\\\D]"], decision: deny}]')).toThrow(
      /command_rules\[0\]\.args_patterns\[0\].*no POSIX ERE form/,
    );
  });
});
