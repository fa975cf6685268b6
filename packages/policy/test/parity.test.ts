import { describe, expect, it } from 'vitest';
import { evaluate } from '../src/evaluate';
import { evaluateCompiled } from '../src/evaluate-compiled';
import { resolverOf, toExpectation } from '../src/parity';
import { parseQuestion } from '../src/question';
import { parityFiles, readCaseFile, setupCaseFile } from './parity-load';

const files = parityFiles();

describe('parity: evaluate() and evaluateCompiled() give the expected decisions', () => {
  it('has case files', () => {
    expect(files.length).toBeGreaterThanOrEqual(2);
  });

  describe.each(files)('%s', (path) => {
    const file = readCaseFile(path);
    const { engine, table } = setupCaseFile(path, file);

    it('holds the current compile() table (run test/update-parity.ts after changing compile)', () => {
      expect(file.table).toEqual(JSON.parse(JSON.stringify(table)));
    });

    it.each(file.cases.map((c) => [c.name, c] as const))('%s', (_name, c) => {
      const q = parseQuestion(c.question);
      if (!q.ok) throw new Error(q.error);
      expect(toExpectation(evaluate(engine, q.question))).toEqual(c.expect);
      const compiled = evaluateCompiled(file.table, q.question, { resolve: resolverOf(file) });
      expect(compiled && toExpectation(compiled)).toEqual(c.expect);
    });
  });
});
