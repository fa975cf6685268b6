import { describe, expect, it } from 'vitest';
import {
  isAllSameCharacter,
  isBareId,
  isCommonFalsePositive,
  isExampleKey,
  isPlaceholder,
} from './false-positives';

describe('false-positive filters', () => {
  it('spots placeholders', () => {
    expect(isPlaceholder(`\${GITHUB_TOKEN}`)).toBe(true);
    expect(isPlaceholder('<your-api-key>')).toBe(true);
    expect(isPlaceholder('YOUR_API_KEY_HERE')).toBe(true);
    expect(isPlaceholder('a8Fk29dLq0ZpXv7')).toBe(false);
  });

  it('spots EXAMPLE keys and repeated characters', () => {
    expect(isExampleKey('AKIAIOSFODNN7EXAMPLE')).toBe(true);
    expect(isExampleKey('AKIAIOSFODNN7ABCDEFG')).toBe(false);
    expect(isAllSameCharacter('ghp_xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx')).toBe(true);
    expect(isAllSameCharacter('ghp_xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxy')).toBe(false);
  });

  it('treats UUIDs and git SHAs as ids', () => {
    expect(isBareId('123e4567-e89b-12d3-a456-426614174000')).toBe(true);
    expect(isBareId('97b58fa1c2d3e4f5a6b7c8d9e0f1a2b3c4d5e6f7')).toBe(true);
    expect(isBareId('97b58fa1c2d3e4f5a6b7c8d9e0f1a2b3c4d5e6fZ')).toBe(false);
  });

  it('combines the shared filters', () => {
    expect(isCommonFalsePositive('sk_live_EXAMPLE')).toBe(true);
    expect(isCommonFalsePositive('Zq8vL2pX0mN4bR7t')).toBe(false);
  });
});
