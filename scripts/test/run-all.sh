#!/usr/bin/env bash
# `npm test`: lint and the unit tests run while the production build runs (neither needs the
# other); then the type check, once the build has written Next's route types (.next/types, which
# next-env.d.ts and tsconfig.json include); then the end-to-end tests against that one build
# (SKIP_BUILD=1), on both servers (playwright.config.ts). The build skips Next's own type check
# (SKIP_NEXT_TYPECHECK=1), which the project-wide `tsc --noEmit` after it covers.
set -uo pipefail
cd "$(dirname "$0")/../.."

build_log="$(mktemp)"
trap 'rm -f "$build_log"' EXIT
started=$SECONDS
SKIP_NEXT_TYPECHECK=1 npm run build >"$build_log" 2>&1 &
build=$!

checks=0
{ npm run lint && npm run test:unit; } || checks=1
echo "npm test: lint and unit tests done after $((SECONDS - started)) s"

built=0
wait "$build" || built=1
cat "$build_log"
echo "npm test: build done after $((SECONDS - started)) s"
if [ "$built" -ne 0 ]; then
  echo "npm test: the build failed" >&2
  exit 1
fi
npm run typecheck || checks=1
if [ "$checks" -ne 0 ]; then
  echo "npm test: the type check, lint or unit tests failed" >&2
  exit 1
fi

SKIP_BUILD=1 npm run test:e2e
