import { describe, expect, it } from 'vitest';
import { createDlp, parseDlpConfig } from './config';
import { isDlpError } from './errors';
import { redact } from './redact';

describe('dlp config', () => {
  it('defaults to redact with every built-in on', () => {
    const parsed = parseDlpConfig(undefined);
    expect(parsed.ok && parsed.config.mode).toBe('redact');
    if (!parsed.ok) return;
    const dlp = createDlp(parsed.config);
    expect(dlp.scanner.rules.some((rule) => rule.id === 'email')).toBe(true);
  });

  it('honours toggles, mode and custom patterns (replacing a built-in of the same name)', () => {
    const parsed = parseDlpConfig({
      mode: 'tokenize',
      patterns: { email: false },
      custom_patterns: [
        { name: 'employee_id', display: 'EMPLOYEE', regex: 'EMP-[0-9]{6}' },
        { name: 'github_pat', display: 'GH', regex: 'ghp_[a-zA-Z0-9]{36}' },
      ],
      unknown_key: true,
    });
    expect(parsed.ok).toBe(true);
    if (!parsed.ok) return;
    const dlp = createDlp(parsed.config);
    expect(dlp.mode).toBe('tokenize');
    const ids = dlp.scanner.rules.map((rule) => rule.id);
    expect(ids).not.toContain('email');
    expect(ids.filter((id) => id === 'github_pat')).toHaveLength(1);
    expect(dlp.scanner.rules.find((rule) => rule.id === 'github_pat')?.display).toBe('GH');
    expect(redact('user EMP-123456 x@y.test', { scanner: dlp.scanner })).toBe(
      'user [REDACTED:EMPLOYEE] x@y.test',
    );
  });

  it('reports bad values by key', () => {
    const parsed = parseDlpConfig({ mode: 'loud', custom_patterns: [{ name: 'x' }] });
    expect(parsed.ok).toBe(false);
    if (parsed.ok) return;
    expect(parsed.issues.join('\n')).toMatch(/dlp\.mode/);
    expect(parsed.issues.join('\n')).toMatch(/dlp\.custom_patterns\.0\.regex/);
  });

  it('throws a DlpError naming the index and name of an unusable pattern', () => {
    const parsed = parseDlpConfig({
      custom_patterns: [
        { name: 'ok', regex: 'a' },
        { name: 'evil', regex: '(a+)+' },
      ],
    });
    if (!parsed.ok) throw new Error('expected a valid config');
    expect(() => createDlp(parsed.config)).toThrow(/dlp\.custom_patterns\[1\]: pattern "evil"/);
    try {
      createDlp(parsed.config);
    } catch (err) {
      expect(isDlpError(err)).toBe(true);
    }
  });
});
