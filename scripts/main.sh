#!/usr/bin/env bash
# Sets up everything, then runs the main job: agentsh-modal's security suite on the default provider.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh
pnpm exec agentsh-modal test "$@"
