#!/usr/bin/env bash
# npm test: every test this project has, in the order that fails fastest.
# Installs Debian's Chromium when it is missing (Playwright never downloads a browser here).
set -euo pipefail
cd "$(dirname "$0")/.."
export NEXT_TELEMETRY_DISABLED=1 CHECKPOINT_DISABLE=1 PRISMA_HIDE_UPDATE_MESSAGE=1

step() { printf '\n=== %s ===\n' "$*"; }

need_apt=()
[ -x /usr/bin/chromium ] || need_apt+=(chromium)
if [ ${#need_apt[@]} -gt 0 ]; then
  step "installing ${need_apt[*]} from Debian"
  apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${need_apt[@]}" >/dev/null
fi

[ -f lib/generated/prisma/client.ts ] || npx prisma generate

step "package-lock.json matches package.json"
bash scripts/check-lockfile.sh
step "only lib/config.ts reads the environment"
bash scripts/check-env-reads.sh
step "formatting (Prettier)"
npx prettier --check . --log-level warn
step "lint"
npx eslint . --max-warnings=0
step "typecheck"
npx tsc --noEmit
step "schema.prisma and migrations agree"
npx tsx scripts/db-check-drift.ts
step "production build (when sources changed; the start-process tests and e2e serve it)"
npx tsx -e 'require("./scripts/build-if-stale").buildIfStale()'
step "unit and integration tests (real PostgreSQL)"
npx vitest run
step "end-to-end tests (production build, Debian Chromium)"
npx playwright test
