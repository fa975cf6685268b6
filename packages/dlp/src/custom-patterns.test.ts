import { describe, expect, it } from 'vitest';
import { compileCustomPattern } from './custom-patterns';
import { isDlpError } from './errors';
import { createScanner } from './scanner';

const MODAL_PATTERNS = [
  ['modal_key', 'MODAL_KEY', 'ak-[a-zA-Z0-9]{32,}'],
  ['openai_key', 'OPENAI_KEY', 'sk-[a-zA-Z0-9]{48,}'],
  ['anthropic_key', 'ANTHROPIC_KEY', 'sk-ant-[a-zA-Z0-9-]{95,}'],
  ['aws_access_key', 'AWS_KEY', 'AKIA[0-9A-Z]{16}'],
  ['github_pat', 'GITHUB_TOKEN', 'ghp_[a-zA-Z0-9]{36}'],
  ['github_oauth', 'GITHUB_OAUTH', 'gho_[a-zA-Z0-9]{36}'],
  ['jwt_token', 'JWT', 'eyJ[a-zA-Z0-9_-]*\\.eyJ[a-zA-Z0-9_-]*\\.[a-zA-Z0-9_-]*'],
  ['private_key', 'PRIVATE_KEY', '-----BEGIN [A-Z]+ PRIVATE KEY-----'],
  ['slack_token', 'SLACK_TOKEN', 'xox[baprs]-[0-9]{10,13}-[0-9]{10,13}-[a-zA-Z0-9]{24}'],
] as const;

function rejection(regex: string): string {
  try {
    compileCustomPattern({ name: 'p1', regex });
  } catch (err) {
    expect(isDlpError(err) && err.code === 'DLP_INVALID_PATTERN').toBe(true);
    return (err as Error).message;
  }
  return 'accepted';
}

describe('custom patterns (RE2)', () => {
  it("compiles agentsh-modal's nine patterns with bounded lengths", () => {
    for (const [name, display, regex] of MODAL_PATTERNS) {
      const rule = compileCustomPattern({ name, display, regex });
      expect(rule.display).toBe(display);
      expect(rule.maxLength).toBeLessThan(2000);
    }
  });

  it('translates RE2-only syntax', () => {
    const rule = compileCustomPattern({ name: 'emp', regex: '(?i)EMP-(?P<id>[[:digit:]]{6})\\z' });
    expect(rule.regex.flags).toContain('i');
    const scanner = createScanner([rule]);
    expect(scanner.scan('id emp-123456')).toHaveLength(1);
    expect(scanner.scan('id emp-123456x')).toHaveLength(0);
    const scoped = createScanner([compileCustomPattern({ name: 's', regex: 'ID-(?i:abc)' })]);
    expect(scoped.scan('ID-AbC id-abc')).toHaveLength(1);
    const quoted = createScanner([compileCustomPattern({ name: 'q', regex: '\\Qa.b\\E' })]);
    expect(quoted.scan('axb a.b')).toEqual([expect.objectContaining({ start: 4, end: 7 })]);
  });

  it('treats ^ and $ as line anchors (a stream has no fixed start or end)', () => {
    const scanner = createScanner([compileCustomPattern({ name: 'l', regex: '^ID-[0-9]+$' })]);
    expect(scanner.scan('ID-1\nx ID-2\nID-3 y\nID-4').map((f) => f.start)).toEqual([0, 19]);
  });

  it('rejects what is not RE2 or cannot run in linear time, naming the pattern', () => {
    expect(rejection('(a+)+b')).toMatch(/pattern "p1": a repeat inside a repeat/);
    expect(rejection('(?:a|aa)*b')).toMatch(/repeated alternation/);
    expect(rejection('\\w+\\d+x')).toMatch(/adjacent open-ended repeats/);
    expect(rejection('(?=x)y')).toMatch(/lookaround/);
    expect(rejection('(a)\\1')).toMatch(/backreference/);
    expect(rejection('a{2000}')).toMatch(/at most 1000/);
    expect(rejection('[a-')).toMatch(/missing \]/);
    expect(rejection('x*')).toMatch(/empty string/);
  });

  it('accepts adjacent repeats over disjoint characters', () => {
    expect(rejection('[a-z]+[0-9]+')).toBe('accepted');
    expect(rejection('\\d{3}-\\d{4}')).toBe('accepted');
  });
});
