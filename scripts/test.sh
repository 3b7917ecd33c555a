#!/usr/bin/env bash
# npm test: every test. Type check, unit and database tests (Vitest: SQLite files and a
# PostgreSQL server on 127.0.0.1 that the run starts and stops), then the browser tests
# (Playwright on Debian's Chromium, against the app started by `npm start`).
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
