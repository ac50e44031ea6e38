#!/usr/bin/env bash
# A private Docker engine for berth's tests and for trying berth out.
#   scripts/engine.sh up       install what is missing, start the engine and the registries,
#                              build the fixture image (an engine already running is kept)
#   scripts/engine.sh registry start only the registries (idempotent; the engine is untouched)
#   scripts/engine.sh down     stop the registries and the engine, remove its network namespace
#   scripts/engine.sh env      print the DOCKER_HOST and BERTH_REGISTRY* lines to eval
#   scripts/engine.sh status   exit 0 when it answers
# It lives in its own network namespace with its own socket, data-root and exec-root,
# so it never touches the user's daemon (see shared/ENGINE.md).
set -euo pipefail

DIR=${BERTH_ENGINE_DIR:-/tmp/berth-engine}
NS=${BERTH_ENGINE_NS:-berth-test}
SOCK="$DIR/docker.sock"
FIXTURE=${BERTH_FIXTURE_IMAGE:-busybox:latest}
# two registries inside the engine's namespace (the engine reaches them as 127.0.0.1:PORT or
# localhost:PORT without TLS): one with htpasswd auth, one open
REG="$DIR/registry"
REG_AUTH_PORT=${BERTH_REGISTRY_PORT:-5000}
REG_OPEN_PORT=${BERTH_REGISTRY_OPEN_PORT:-5001}
REG_USER=berthtest

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

in_ns() { nsenter --net="/var/run/netns/$NS" "$@"; }

# what the registry at PORT answers on /v2/ (401 with auth, 200 without), 000 when nothing
registry_code() {
  in_ns curl -s -o /dev/null -w '%{http_code}' --max-time 2 "http://127.0.0.1:$1/v2/" 2>/dev/null || true
}

# start_registry NAME PORT WITH_AUTH: a distribution registry serving $REG/NAME/data
start_registry() {
  local name=$1 port=$2 auth=$3 d="$REG/$1"
  local want=200
  [ "$auth" = 1 ] && want=401
  if [ -f "$d/registry.pid" ] && kill -0 "$(cat "$d/registry.pid")" 2>/dev/null && [ "$(registry_code "$port")" = "$want" ]; then
    return
  fi
  stop_registry "$name"
  mkdir -p "$d/data"
  {
    printf 'version: 0.1\nlog:\n  level: warn\n  accesslog:\n    disabled: true\n'
    printf 'storage:\n  filesystem:\n    rootdirectory: %s\n  delete:\n    enabled: true\n' "$d/data"
    printf 'http:\n  addr: 127.0.0.1:%s\n' "$port"
    if [ "$auth" = 1 ]; then printf 'auth:\n  htpasswd:\n    realm: berth-registry\n    path: %s\n' "$REG/htpasswd"; fi
  } > "$d/config.yml"
  log "starting the $name registry on 127.0.0.1:$port in $NS"
  # the shell writes its pid, then becomes the registry
  setsid nsenter --net="/var/run/netns/$NS" sh -c 'echo $$ > "$1"; exec docker-registry serve "$2"' sh "$d/registry.pid" "$d/config.yml" \
    </dev/null >"$d/registry.log" 2>&1 &
  for _ in $(seq 1 100); do
    [ "$(registry_code "$port")" = "$want" ] && return
    sleep 0.1
  done
  log "the $name registry did not answer; its log:"
  tail -n 20 "$d/registry.log" >&2
  exit 1
}

stop_registry() {
  local f="$REG/$1/registry.pid"
  [ -f "$f" ] || return 0
  local pid
  pid=$(cat "$f")
  if [ -n "$pid" ] && kill -0 "$pid" 2>/dev/null; then
    kill "$pid"
    for _ in $(seq 1 50); do kill -0 "$pid" 2>/dev/null || break; sleep 0.1; done
    kill -9 "$pid" 2>/dev/null || true
  fi
  rm -f "$f"
}

registry_up() {
  mkdir -p "$REG"
  # the test user's password: made once, kept beside the htpasswd file (mode 0600)
  if [ ! -s "$REG/password" ]; then
    (umask 077; head -c 12 /dev/urandom | od -An -tx1 | tr -d ' \n' > "$REG/password")
  fi
  if [ ! -s "$REG/htpasswd" ] || [ "$REG/password" -nt "$REG/htpasswd" ]; then
    htpasswd -Bbc "$REG/htpasswd" "$REG_USER" "$(cat "$REG/password")" 2>/dev/null
  fi
  printf '%s\n' "$REG_USER" > "$REG/username"
  start_registry auth "$REG_AUTH_PORT" 1
  start_registry open "$REG_OPEN_PORT" 0
}

registry_down() {
  stop_registry auth
  stop_registry open
}

print_env() {
  echo "export DOCKER_HOST=unix://$SOCK"
  echo "export BERTH_REGISTRY=127.0.0.1:$REG_AUTH_PORT BERTH_REGISTRY_OPEN=127.0.0.1:$REG_OPEN_PORT BERTH_REGISTRY_DIR=$REG"
}

up() {
  need_install
  mkdir -p "$DIR"
  if ping_ok; then build_fixture; registry_up; return; fi
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
  registry_up
}

down() {
  registry_down
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
  # a dockerd killed without its shutdown (a session cut short) leaves its netns mounts
  awk -v d="$DIR/" 'index($2, d) == 1 { print $2 }' /proc/mounts | sort -r | xargs -r umount -l 2>/dev/null || true
  ip netns del "$NS" 2>/dev/null || true
}

case "${1:-}" in
  up) up; print_env ;;
  registry) need_install; registry_up; print_env ;;
  down) down ;;
  env) print_env ;;
  status) ping_ok ;;
  *) echo "usage: $0 up|registry|down|env|status" >&2; exit 2 ;;
esac
