#!/usr/bin/env bash
# npm test: start the private engine, run every suite against it, stop it, leave nothing behind.
set -euo pipefail
cd "$(dirname "$0")/.."

export BERTH_ENGINE_DIR=${BERTH_ENGINE_DIR:-/tmp/berth-engine-test}
export BERTH_ENGINE_NS=${BERTH_ENGINE_NS:-berth-ci}
started=0
if [ "$(id -u)" = 0 ] || [ -n "${BERTH_TEST_ENGINE:-}" ]; then
  if [ -z "${BERTH_TEST_ENGINE:-}" ]; then
    bash scripts/engine.sh up >/dev/null
    started=1
    export DOCKER_HOST="unix://$BERTH_ENGINE_DIR/docker.sock"
    # suites that would skip for want of an engine or oracle fail instead (a wrong path is a bug)
    export BERTH_EXPECT_ENGINE=1
  else
    export DOCKER_HOST="$BERTH_TEST_ENGINE"
  fi
else
  echo "test: not root and BERTH_TEST_ENGINE unset: engine tests will be skipped" >&2
  export DOCKER_HOST="unix:///nonexistent/berth-no-engine.sock"
fi
cleanup() {
  if [ "$started" = 1 ]; then bash scripts/engine.sh down; fi
}
trap cleanup EXIT
# the reference docker CLI, for the differential suites (they skip, saying so, without it)
if [ -x /usr/local/bin/docker ]; then export BERTH_REFERENCE_DOCKER=${BERTH_REFERENCE_DOCKER:-/usr/local/bin/docker}; fi
npx vitest run "$@"
