#!/usr/bin/env bash
# Sets up everything, then runs every check: lint, boundaries, typecheck, all tests, policy checks.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh

export AGENTSH_TEST_REPORT_DIR="$PWD/.vitest-reports"
rm -rf "$AGENTSH_TEST_REPORT_DIR"
mkdir -p "$AGENTSH_TEST_REPORT_DIR"

status=0
printf '\n== lint and boundaries\n'
pnpm lint || status=1
printf '\n== shipped policies\n'
pnpm exec agentsh policy check policies/*.yaml || status=1
pnpm exec agentsh policy test policies/default.yaml || status=1
pnpm exec agentsh policy test policies/recommended.yaml || status=1
printf '\n== typecheck and tests\n'
pnpm exec turbo run typecheck test --output-logs=full --concurrency=1 --continue || status=1
printf '\n== summary\n'
node scripts/test-summary.mjs "$AGENTSH_TEST_REPORT_DIR" || status=1
exit "$status"
