#!/usr/bin/env bash
# Fails, with one line, when package-lock.json is not what npm writes for package.json today, so a
# lockfile that `npm ci` would refuse (or install differently) is caught before CI.
# Usage: scripts/check-lockfile.sh [dir]   (default: the repository root)
set -euo pipefail
dir="${1:-$(cd "$(dirname "$0")/.." && pwd)}"
scratch=$(mktemp -d)
trap 'rm -rf "$scratch"' EXIT
cp "$dir/package.json" "$dir/package-lock.json" "$scratch"/
if ! (cd "$scratch" && npm install --package-lock-only --ignore-scripts --no-audit --no-fund >"$scratch/npm.log" 2>&1); then
  echo "lockfile check: npm could not resolve package.json: $(tail -n 1 "$scratch/npm.log")" >&2
  exit 1
fi
if ! cmp -s "$dir/package-lock.json" "$scratch/package-lock.json"; then
  lines=$(diff "$dir/package-lock.json" "$scratch/package-lock.json" | grep -c '^[<>]' || true)
  echo "lockfile check: package-lock.json disagrees with package.json ($lines lines differ); run \`npm install --package-lock-only\` and commit the lockfile." >&2
  exit 1
fi
echo "lockfile check: package-lock.json matches package.json"
