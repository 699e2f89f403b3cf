#!/usr/bin/env bash
# `npm test`: every check the project has, in the order a failure is cheapest to read.
# Runs each step even when an earlier one fails, then prints one summary line.
set -uo pipefail
cd "$(dirname "$0")/.."
export PATH="$PWD/node_modules/.bin:$PATH" # Node 24 from the `node` package, even when called directly
if ! node --version | grep -q '^v24\.'; then
  echo "test: Node 24 is missing from node_modules/.bin; run: npm run setup" >&2
  exit 2
fi
mkdir -p test-results
rm -f test-results/vitest.json test-results/playwright.json

failed_steps=()
step() {
  local name=$1
  shift
  local started=$SECONDS
  echo "::: $name"
  if "$@"; then
    echo "::: $name ok ($((SECONDS - started)) s)"
  else
    echo "::: $name FAILED ($((SECONDS - started)) s)"
    failed_steps+=("$name")
  fi
}

step typecheck npm run --silent typecheck
step lint eslint . --max-warnings 0
step build npm run --silent build
step electronegativity node scripts/electronegativity.cjs
step "unit and integration" scripts/with-keyring.sh vitest run --reporter=default --reporter=json --outputFile.json=test-results/vitest.json
step e2e env PLAYWRIGHT_JSON_OUTPUT_NAME=test-results/playwright.json playwright test --reporter=list,json

node scripts/test-summary.mjs "${failed_steps[@]}"
