import { describe, expect, it } from 'vitest';
import { normaliseName, wireNameToText } from './name';

describe('normaliseName', () => {
  it('lower-cases ASCII and strips one trailing dot', () => {
    expect(normaliseName('WWW.Example.COM.')).toBe('www.example.com');
    expect(normaliseName('_dmarc.Example.com')).toBe('_dmarc.example.com');
  });

  it('converts Unicode labels to A-labels and keeps A-labels', () => {
    expect(normaliseName('bücher.de')).toBe('xn--bcher-kva.de');
    expect(normaliseName('XN--BCHER-KVA.de')).toBe('xn--bcher-kva.de');
  });

  it('never percent-decodes, so ex%41mple.com stays distinct from example.com', () => {
    expect(normaliseName('ex%41mple.com')).toBe('ex%41mple.com');
    expect(normaliseName('ex%41mplé.com')).toBeNull();
  });

  it('rejects empty labels, long labels, long names and control bytes', () => {
    expect(normaliseName('a..b')).toBeNull();
    expect(normaliseName(`${'a'.repeat(64)}.com`)).toBeNull();
    expect(normaliseName(`${'a'.repeat(63)}.com`)).not.toBeNull();
    expect(normaliseName(Array(70).fill('abc').join('.'))).toBeNull();
    expect(normaliseName('a b.com')).toBeNull();
    expect(normaliseName('a\u0000b.com')).toBeNull();
  });

  it('gives the root as the empty string', () => {
    expect(normaliseName('.')).toBe('');
    expect(normaliseName('')).toBe('');
  });
});

describe('wireNameToText', () => {
  it('decodes UTF-8 bytes read as latin1', () => {
    const latin1 = Buffer.from('bücher.de', 'utf8').toString('latin1');
    expect(wireNameToText(latin1)).toBe('bücher.de');
    expect(wireNameToText('plain.com')).toBe('plain.com');
  });
});
