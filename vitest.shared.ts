import { basename } from 'node:path';
import { defineConfig } from 'vitest/config';

// Shared vitest settings. When AGENTSH_TEST_REPORT_DIR is set (scripts/test.sh), each package also
// writes a JSON report there so the run can end with one summary line.
const reportDir = process.env.AGENTSH_TEST_REPORT_DIR;
const reportFile = `${reportDir}/${basename(process.cwd())}.json`;

export default defineConfig({
  test: {
    include: ['src/**/*.test.ts', 'test/**/*.test.ts'],
    testTimeout: 30_000,
    hookTimeout: 60_000,
    reporters: reportDir ? ['default', ['json', { outputFile: reportFile }]] : ['default'],
  },
});
