#!/usr/bin/env bash
# npm test: every test. Lint and format, type check, unit and database tests (Vitest: SQLite
# files and a PostgreSQL server on 127.0.0.1 that the run starts and stops), then the browser
# tests (Playwright against the app started by `npm start`). Needs nothing but Node and npm ci:
# PostgreSQL and Chromium are the system's where installed, npm-provided otherwise.
#
# TEST_NPM_BINARIES=1 (set by .ci/run) also runs one database test file on PostgreSQL from npm
# and one browser spec on Chromium from npm, so the path of a machine without them stays tested.
set -euo pipefail
cd "$(dirname "$0")/.."
export NEXT_TELEMETRY_DISABLED=1
npx tsx scripts/db/generate.ts
echo "== lint and format (Biome)"
npx biome check .
echo "== type check"
npx tsc --noEmit
echo "== unit and database tests"
npx vitest run
echo "== browser tests"
npx playwright test
echo "== single sign-on (OpenID Connect, against a mock identity provider)"
npx playwright test -c playwright.oidc.config.ts
if [ "${TEST_NPM_BINARIES:-}" = "1" ]; then
  echo "== the path of a machine with only Node: PostgreSQL and Chromium from npm"
  TEST_POSTGRES=npm npx vitest run lib/ledger/concurrency.db.test.ts
  TEST_CHROMIUM=npm npx playwright test e2e/access.spec.ts
fi
