// Regenerates `table` in every parity case file and fills `expect` for cases that have none, from
// evaluate(). Review the diff: hand-written expectations are never overwritten.
//   pnpm --filter @agentsh/policy exec tsx test/update-parity.ts
import { writeFileSync } from 'node:fs';
import { evaluate } from '../src/evaluate';
import { toExpectation } from '../src/parity';
import { parseQuestion } from '../src/question';
import { parityFiles, readCaseFile, setupCaseFile } from './parity-load';

for (const path of parityFiles()) {
  const file = readCaseFile(path);
  const { engine, table } = setupCaseFile(path, file);
  file.table = table;
  for (const c of file.cases) {
    if (c.expect) continue;
    const q = parseQuestion(c.question);
    if (!q.ok) throw new Error(`${path}: ${c.name}: ${q.error}`);
    c.expect = toExpectation(evaluate(engine, q.question));
  }
  writeFileSync(path, `${JSON.stringify(file, null, 2)}\n`);
  process.stdout.write(`updated ${path} (${file.cases.length} cases)\n`);
}
