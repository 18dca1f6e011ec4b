#!/usr/bin/env bash
# Fails, naming the files, when application code reads the environment anywhere but lib/config.ts,
# where every setting is parsed and documented. Tests, scripts, the benchmark and the tool configs
# (next.config.js, prisma.config.ts, playwright/vitest configs) are outside app code and exempt, and so
# is process.env.NEXT_RUNTIME, which Next replaces at build time (instrumentation.ts's documented test).
# Usage: scripts/check-env-reads.sh [dir]   (default: the repository root)
set -euo pipefail
cd "${1:-$(dirname "$0")/..}"
offenders=$(grep -rnE 'process\.env|process\[["'"'"']env' --include='*.ts' --include='*.tsx' --include='*.js' --include='*.mjs' \
  --exclude-dir=generated app lib components instrumentation.ts proxy.ts 2>/dev/null |
  grep -v '^lib/config\.ts:' | grep -v 'process\.env\.NEXT_RUNTIME' | cut -d: -f1 | sort -u || true)
if [ -n "$offenders" ]; then
  echo "env check: only lib/config.ts may read process.env; parse the setting there and import it. Found in: $(echo $offenders)" >&2
  exit 1
fi
echo "env check: only lib/config.ts reads process.env"
