import { lintSource } from '@secretlint/core';
import { creator } from '@secretlint/secretlint-rule-preset-recommend';

const config = { rules: [{ id: '@secretlint/secretlint-rule-preset-recommend', rule: creator }] };

/** Runs secretlint's recommended preset on one text; returns the flagged ranges. */
export async function secretlintFind(text: string): Promise<{ rule: string; start: number; end: number }[]> {
  const result = await lintSource({
    source: { content: text, filePath: '/virtual/output.txt', contentType: 'text' },
    options: { config, noPhysicFilePath: true },
  });
  return result.messages.map((m) => ({ rule: m.ruleId, start: m.range[0], end: m.range[1] }));
}
