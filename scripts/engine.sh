#!/usr/bin/env bash
# A private Docker engine for berth's tests and for trying berth out.
#   scripts/engine.sh up     install what is missing, start the engine, build the fixture image
#   scripts/engine.sh down   stop it and remove its network namespace
#   scripts/engine.sh env    print the DOCKER_HOST line to eval
#   scripts/engine.sh status exit 0 when it answers
# It lives in its own network namespace with its own socket, data-root and exec-root,
# so it never touches the user's daemon (see shared/ENGINE.md).
set -euo pipefail

DIR=${BERTH_ENGINE_DIR:-/tmp/berth-engine}
NS=${BERTH_ENGINE_NS:-berth-test}
SOCK="$DIR/docker.sock"
FIXTURE=${BERTH_FIXTURE_IMAGE:-busybox:latest}

log() { printf 'engine: %s\n' "$*" >&2; }

need_install() {
  local missing=()
  command -v dockerd >/dev/null || missing+=(docker.io)
  [ -x /bin/busybox ] && /bin/busybox --list >/dev/null 2>&1 || missing+=(busybox-static)
  command -v docker-registry >/dev/null || missing+=(docker-registry)
  command -v htpasswd >/dev/null || missing+=(apache2-utils)
  command -v ip >/dev/null || missing+=(iproute2)
  command -v nsenter >/dev/null || missing+=(util-linux)
  command -v tmux >/dev/null || missing+=(tmux)
  command -v curl >/dev/null || missing+=(curl)
  command -v openssl >/dev/null || missing+=(openssl)
  if [ ${#missing[@]} -gt 0 ]; then
    log "installing ${missing[*]}"
    export DEBIAN_FRONTEND=noninteractive
    apt-get update -qq >/dev/null
    apt-get install -y -qq "${missing[@]}" >/dev/null
  fi
}

ping_ok() {
  curl -sf --unix-socket "$SOCK" http://localhost/_ping >/dev/null 2>&1
}


api() { curl -sf --unix-socket "$SOCK" "$@"; }

build_fixture() {
  if api "http://localhost/v1.41/images/${FIXTURE%%:*}:${FIXTURE##*:}/json" >/dev/null 2>&1; then return; fi
  log "building the $FIXTURE fixture from busybox-static"
  local root
  root=$(mktemp -d)
  mkdir -p "$root/bin" "$root/etc" "$root/tmp" "$root/root" "$root/proc" "$root/sys" "$root/dev" "$root/home"
  cp /bin/busybox "$root/bin/busybox"
  for applet in $(/bin/busybox --list); do
    [ "$applet" = busybox ] || ln -sf busybox "$root/bin/$applet"
  done
  printf 'root:x:0:0:root:/root:/bin/sh\nnobody:x:65534:65534:nobody:/home:/bin/false\n' > "$root/etc/passwd"
  printf 'root:x:0:\nnogroup:x:65534:\n' > "$root/etc/group"
  chmod 1777 "$root/tmp"
  # docker import, through the API: CMD ["sh"], a PATH like the real busybox image's
  tar -C "$root" -c . | api -X POST -H 'Content-Type: application/x-tar' --data-binary @- \
    "http://localhost/v1.41/images/create?fromSrc=-&repo=${FIXTURE%%:*}&tag=${FIXTURE##*:}&changes=CMD%20%5B%22sh%22%5D&changes=ENV%20PATH%3D%2Fusr%2Flocal%2Fsbin%3A%2Fusr%2Flocal%2Fbin%3A%2Fusr%2Fsbin%3A%2Fusr%2Fbin%3A%2Fsbin%3A%2Fbin" >/dev/null
  rm -rf "$root"
}

# A CA, a server certificate for 127.0.0.1 and a client certificate, so the engine also
# listens on tcp://127.0.0.1:2376 with --tlsverify (inside its namespace) for TLS tests.
make_certs() {
  local d="$DIR/certs"
  [ -f "$d/key.pem" ] && return
  mkdir -p "$d"
  (
    cd "$d"
    openssl genrsa -out ca-key.pem 2048 2>/dev/null
    openssl req -new -x509 -days 30 -key ca-key.pem -sha256 -subj "/CN=berth-test-ca" -out ca.pem 2>/dev/null
    openssl genrsa -out server-key.pem 2048 2>/dev/null
    openssl req -new -key server-key.pem -subj "/CN=127.0.0.1" -out server.csr 2>/dev/null
    printf 'subjectAltName = IP:127.0.0.1,DNS:localhost\nextendedKeyUsage = serverAuth\n' > server.ext
    openssl x509 -req -days 30 -in server.csr -CA ca.pem -CAkey ca-key.pem -CAcreateserial -out server-cert.pem -extfile server.ext 2>/dev/null
    openssl genrsa -out key.pem 2048 2>/dev/null
    openssl req -new -key key.pem -subj "/CN=client" -out client.csr 2>/dev/null
    printf 'extendedKeyUsage = clientAuth\n' > client.ext
    openssl x509 -req -days 30 -in client.csr -CA ca.pem -CAkey ca-key.pem -CAcreateserial -out cert.pem -extfile client.ext 2>/dev/null
    rm -f ./*.csr ./*.ext
  )
}

up() {
  need_install
  mkdir -p "$DIR"
  if ping_ok; then build_fixture; return; fi
  if ! ip netns list | grep -qw "$NS"; then
    ip netns add "$NS"
  fi
  nsenter --net="/var/run/netns/$NS" ip link set lo up
  make_certs
  rm -f "$SOCK" "$DIR/docker.pid"
  log "starting dockerd on unix://$SOCK"
  setsid nsenter --net="/var/run/netns/$NS" dockerd \
      -H "unix://$SOCK" -H tcp://127.0.0.1:2376 --tlsverify \
      --tlscacert "$DIR/certs/ca.pem" --tlscert "$DIR/certs/server-cert.pem" --tlskey "$DIR/certs/server-key.pem" \
      --data-root "$DIR/data" --exec-root "$DIR/exec" \
      --pidfile "$DIR/docker.pid" --storage-driver "${BERTH_ENGINE_STORAGE:-overlay2}" \
      </dev/null >"$DIR/dockerd.log" 2>&1 &
  for _ in $(seq 1 150); do
    ping_ok && break
    sleep 0.2
  done
  if ! ping_ok; then
    log "dockerd did not answer; its log:"
    tail -n 30 "$DIR/dockerd.log" >&2
    exit 1
  fi
  build_fixture
}

down() {
  if [ -f "$DIR/docker.pid" ]; then
    local pid
    pid=$(cat "$DIR/docker.pid")
    if kill -0 "$pid" 2>/dev/null; then
      # remove leftover containers first so their shims go with the engine
      for id in $(api "http://localhost/v1.41/containers/json?all=1" 2>/dev/null | grep -o '"Id":"[0-9a-f]*"' | cut -d'"' -f4); do
        api -X DELETE "http://localhost/v1.41/containers/$id?force=1" >/dev/null 2>&1 || true
      done
      kill "$pid"
      for _ in $(seq 1 150); do kill -0 "$pid" 2>/dev/null || break; sleep 0.2; done
      kill -9 "$pid" 2>/dev/null || true
    fi
    rm -f "$DIR/docker.pid"
  fi
  # containerd and its shims started by this dockerd live under our exec-root
  pkill -f -- "$DIR/exec" 2>/dev/null || true
  ip netns del "$NS" 2>/dev/null || true
}

case "${1:-}" in
  up) up; echo "export DOCKER_HOST=unix://$SOCK" ;;
  down) down ;;
  env) echo "export DOCKER_HOST=unix://$SOCK" ;;
  status) ping_ok ;;
  *) echo "usage: $0 up|down|env|status" >&2; exit 2 ;;
esac
