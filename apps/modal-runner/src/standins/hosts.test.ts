import { describe, expect, it } from 'vitest';
import { lookupStandin, STANDIN_HOSTS, standinAltNames } from './hosts';

describe('stand-in hosts', () => {
  it('answers the allowed names of the suite', () => {
    expect(lookupStandin('github.com')).toBe('127.77.1.1');
    expect(lookupStandin('API.GitHub.com.')).toBe('127.77.1.2');
    expect(lookupStandin('pypi.org')).toBe('127.77.1.4');
  });

  it("answers evil.com and its subdomains so a denial is agentsh's doing", () => {
    expect(lookupStandin('evil.com')).toBe('127.77.2.1');
    expect(lookupStandin('sub.evil.com')).toBe('127.77.2.1');
    expect(lookupStandin('notevil.com')).toBeUndefined();
  });

  it('never answers metadata or redirect names', () => {
    for (const name of ['metadata.google.internal', 'metadata.goog', 'redirectme.example.com', 'example.com'])
      expect(lookupStandin(name)).toBeUndefined();
  });

  it('keeps every stand-in on loopback', () => {
    for (const host of STANDIN_HOSTS) expect(host.address.startsWith('127.')).toBe(true);
  });

  it('lists wildcard names in the certificate', () => {
    expect(standinAltNames()).toContain('DNS:*.evil.com');
    expect(standinAltNames()).toContain('DNS:github.com');
  });
});
