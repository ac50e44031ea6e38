#!/usr/bin/env bash
# npm test: start the private engine and the three-node swarm, run every suite against them,
# stop them, leave nothing behind.
set -euo pipefail
cd "$(dirname "$0")/.."

export BERTH_ENGINE_DIR=${BERTH_ENGINE_DIR:-/tmp/berth-engine-test}
export BERTH_ENGINE_NS=${BERTH_ENGINE_NS:-berth-ci}
export BERTH_SWARM_DIR=${BERTH_SWARM_DIR:-/tmp/berth-swarm-test}
export BERTH_SWARM_NS=${BERTH_SWARM_NS:-berth-swt}
started=0
cleanup() {
  if [ "$started" = 1 ]; then
    bash scripts/swarm.sh down || true
    bash scripts/engine.sh down
    rm -rf "$BERTH_ENGINE_DIR" || true
  fi
}
trap cleanup EXIT
if [ "$(id -u)" = 0 ] || [ -n "${BERTH_TEST_ENGINE:-}" ]; then
  if [ -z "${BERTH_TEST_ENGINE:-}" ]; then
    started=1
    bash scripts/engine.sh up >/dev/null
    export DOCKER_HOST="unix://$BERTH_ENGINE_DIR/docker.sock"
    # the swarm of the swarm suites (scripts/swarm.sh), beside the engine
    t0=$(date +%s.%N)
    eval "$(bash scripts/swarm.sh up)"
    echo "test: three-node swarm up in $(awk "BEGIN{printf \"%.1f\", $(date +%s.%N) - $t0}") s" >&2
    # suites that would skip for want of an engine or oracle fail instead (a wrong path is a bug)
    export BERTH_EXPECT_ENGINE=1
  else
    export DOCKER_HOST="$BERTH_TEST_ENGINE"
  fi
else
  echo "test: not root and BERTH_TEST_ENGINE unset: engine tests will be skipped" >&2
  export DOCKER_HOST="unix:///nonexistent/berth-no-engine.sock"
fi
# the reference docker CLI, for the differential suites (they skip, saying so, without it)
if [ -x /usr/local/bin/docker ]; then export BERTH_REFERENCE_DOCKER=${BERTH_REFERENCE_DOCKER:-/usr/local/bin/docker}; fi
npx vitest run "$@"
