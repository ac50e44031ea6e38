#!/usr/bin/env bash
# A private multi-node swarm for berth's tests (see shared/ENGINE.md): three dockerds, each
# in a network namespace of its own (198.18.0.1-3/24, veth pairs to a Linux bridge in a
# fourth "lan" namespace) and in mount and UTS namespaces of their own (its own hostname,
# /etc/docker and /run/docker), each with busybox:latest imported.
#   scripts/swarm.sh up        start the nodes (kept if they answer), init the swarm on node1,
#                              join node2 and node3 as workers
#   scripts/swarm.sh nodes     start the nodes only, no swarm (for swarm init/join tests)
#   scripts/swarm.sh down      stop every node and remove the namespaces, leaving nothing
#   scripts/swarm.sh stop N / start N   stop or start node N's dockerd (node failure tests)
#   scripts/swarm.sh env       the lines to eval: BERTH_SWARM_DIR, BERTH_SWARM_NODE1..3
#   scripts/swarm.sh reset     every node leaves (forced), then `up` again
set -euo pipefail

DIR=${BERTH_SWARM_DIR:-/tmp/berth-swarm}
P=${BERTH_SWARM_NS:-berth-sw}
N=${BERTH_SWARM_NODES:-3}
LAN="${P}lan"
NET=198.18.0
IMAGE=busybox:latest

log() { printf 'swarm: %s\n' "$*" >&2; }

node_dir() { echo "$DIR/node$1"; }
sock() { echo "$(node_dir "$1")/docker.sock"; }
ns() { echo "${P}$1"; }
api() { local n=$1; shift; curl -sf --max-time 30 --unix-socket "$(sock "$n")" "$@"; }
ping_ok() { curl -sf --max-time 2 --unix-socket "$(sock "$1")" http://localhost/_ping >/dev/null 2>&1; }

need_install() {
  local missing=()
  command -v dockerd >/dev/null || missing+=(docker.io)
  [ -x /bin/busybox ] && /bin/busybox --list >/dev/null 2>&1 || missing+=(busybox-static)
  command -v ip >/dev/null || missing+=(iproute2)
  command -v nsenter >/dev/null || missing+=(util-linux)
  command -v curl >/dev/null || missing+=(curl)
  if [ ${#missing[@]} -gt 0 ]; then
    log "installing ${missing[*]}"
    export DEBIAN_FRONTEND=noninteractive
    apt-get update -qq >/dev/null
    apt-get install -y -qq "${missing[@]}" >/dev/null
  fi
}

# the lan namespace with its bridge, and node i's namespace with a veth to it
net_up() {
  if ! ip netns list | grep -qw "$LAN"; then
    ip netns add "$LAN"
    ip -n "$LAN" link set lo up
    ip -n "$LAN" link add br0 type bridge
    ip -n "$LAN" link set br0 up
  fi
  local i
  for i in $(seq 1 "$N"); do
    local n
    n=$(ns "$i")
    ip netns list | grep -qw "$n" && continue
    ip netns add "$n"
    ip -n "$n" link set lo up
    # the pair is made in the node's namespace, its far end moved into the lan
    ip -n "$n" link add eth0 type veth peer name "v$i" netns "$LAN"
    ip -n "$LAN" link set "v$i" master br0
    ip -n "$LAN" link set "v$i" up
    ip -n "$n" addr add "$NET.$i/24" dev eth0
    ip -n "$n" link set eth0 up
  done
}

start_node() {
  local i=$1 d
  d=$(node_dir "$i")
  ping_ok "$i" && return 0
  mkdir -p "$d/etc-docker" "$d/run-docker" "$d/data" "$d/exec"
  [ -f "$d/daemon.json" ] || printf '{}\n' > "$d/daemon.json"
  rm -f "$(sock "$i")" "$d/docker.pid"
  # the shell becomes dockerd; mount and UTS namespaces of its own give it its own
  # hostname, /etc/docker and /run/docker (swarm state, netns files, plugins)
  setsid nsenter --net="/var/run/netns/$(ns "$i")" -- unshare --mount --uts --propagation private -- \
    sh -c 'hostname "$1" && mount --bind "$2/etc-docker" /etc/docker && mount --bind "$2/run-docker" /run/docker &&
      exec dockerd --config-file "$2/daemon.json" -H "unix://$2/docker.sock" --data-root "$2/data" \
        --exec-root "$2/exec" --pidfile "$2/docker.pid" --cgroup-parent "$4" --storage-driver "$3"' \
    sh "node$i" "$d" "${BERTH_ENGINE_STORAGE:-overlay2}" "$(ns "$i")" </dev/null >"$d/dockerd.log" 2>&1 &
}

wait_node() {
  local i=$1
  for _ in $(seq 1 200); do
    ping_ok "$i" && return 0
    sleep 0.1
  done
  log "node$i's dockerd did not answer; its log:"
  tail -n 30 "$(node_dir "$i")/dockerd.log" >&2
  exit 1
}

# busybox:latest from busybox-static, made once and imported on every node
make_rootfs_tar() {
  local tarball="$DIR/busybox.tar"
  if [ ! -s "$tarball" ]; then
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
    # fixed times, so every node (and every run) gets the same image ID
    find "$root" -exec touch -h -d '2024-01-01T00:00:00Z' {} +
    tar --sort=name --owner=0 --group=0 --numeric-owner -C "$root" -cf "$tarball.tmp" .
    mv "$tarball.tmp" "$tarball"
    rm -rf "$root"
  fi
}

import_image() {
  local i=$1 tarball="$DIR/busybox.tar"
  api "$i" "http://localhost/v1.41/images/${IMAGE%%:*}:${IMAGE##*:}/json" >/dev/null 2>&1 && return 0
  api "$i" -X POST -H 'Content-Type: application/x-tar' --data-binary @"$tarball" \
    "http://localhost/v1.41/images/create?fromSrc=-&repo=${IMAGE%%:*}&tag=${IMAGE##*:}&changes=CMD%20%5B%22sh%22%5D&changes=ENV%20PATH%3D%2Fusr%2Flocal%2Fsbin%3A%2Fusr%2Flocal%2Fbin%3A%2Fusr%2Fsbin%3A%2Fusr%2Fbin%3A%2Fsbin%3A%2Fbin" >/dev/null
}

# "inactive", "active", "pending", "error", "locked"
swarm_state() {
  api "$1" http://localhost/v1.41/info 2>/dev/null | grep -o '"LocalNodeState":"[a-z]*"' | cut -d'"' -f4
}

form_swarm() {
  if [ "$(swarm_state 1)" != active ]; then
    log "swarm init on node1 ($NET.1)"
    api 1 -X POST -H 'Content-Type: application/json' \
      -d "{\"ListenAddr\":\"0.0.0.0:2377\",\"AdvertiseAddr\":\"$NET.1\"}" http://localhost/v1.41/swarm/init >/dev/null
  fi
  local token
  token=$(api 1 http://localhost/v1.41/swarm | grep -o '"Worker":"[^"]*"' | cut -d'"' -f4)
  local i pids=()
  for i in $(seq 2 "$N"); do
    [ "$(swarm_state "$i")" = active ] && continue
    api "$i" -X POST -H 'Content-Type: application/json' \
      -d "{\"ListenAddr\":\"0.0.0.0:2377\",\"AdvertiseAddr\":\"$NET.$i\",\"RemoteAddrs\":[\"$NET.1:2377\"],\"JoinToken\":\"$token\"}" \
      http://localhost/v1.41/swarm/join >/dev/null &
    pids+=($!)
  done
  for p in "${pids[@]}"; do wait "$p"; done
  # every node Ready as the manager sees it
  for _ in $(seq 1 300); do
    local ready
    ready=$(api 1 http://localhost/v1.41/nodes | grep -o '"State":"ready"' | wc -l)
    [ "$ready" -ge "$N" ] && return 0
    sleep 0.1
  done
  log "the nodes did not all become ready"
  exit 1
}

nodes_up() {
  need_install
  mkdir -p "$DIR"
  net_up
  local i
  for i in $(seq 1 "$N"); do start_node "$i"; done
  for i in $(seq 1 "$N"); do wait_node "$i"; done
  # (wait for these alone: the dockerds are this shell's children too)
  make_rootfs_tar
  local pids=()
  for i in $(seq 1 "$N"); do import_image "$i" & pids+=($!); done
  for p in "${pids[@]}"; do wait "$p"; done
}

stop_node() {
  local i=$1 f pid
  f="$(node_dir "$i")/docker.pid"
  [ -f "$f" ] || return 0
  pid=$(cat "$f")
  if [ -n "$pid" ] && kill -0 "$pid" 2>/dev/null; then
    kill "$pid"
    for _ in $(seq 1 300); do kill -0 "$pid" 2>/dev/null || break; sleep 0.1; done
    kill -9 "$pid" 2>/dev/null || true
  fi
  rm -f "$f"
  # containerd and its shims started by this dockerd live under its exec-root
  pkill -f -- "$(node_dir "$i")/exec" 2>/dev/null || true
}

down() {
  local i
  for i in $(seq 1 "$N"); do
    if ping_ok "$i"; then
      for id in $(api "$i" "http://localhost/v1.41/containers/json?all=1" 2>/dev/null | grep -o '"Id":"[0-9a-f]*"' | cut -d'"' -f4); do
        api "$i" -X DELETE "http://localhost/v1.41/containers/$id?force=1" >/dev/null 2>&1 || true
      done
    fi
    stop_node "$i" &
  done
  wait
  for i in $(seq 1 "$N"); do ip netns del "$(ns "$i")" 2>/dev/null || true; done
  ip netns del "$LAN" 2>/dev/null || true
  # the cgroups the nodes' containers lived in
  # the cgroups the nodes' containers lived in (cgroup v1 hierarchies, or v2's one)
  for i in $(seq 1 "$N"); do
    for c in /sys/fs/cgroup/"$(ns "$i")" /sys/fs/cgroup/*/"$(ns "$i")"; do
      [ -d "$c" ] && rmdir "$c" 2>/dev/null || true
    done
  done
  rm -rf "$DIR"
}

print_env() {
  echo "export BERTH_SWARM_DIR=$DIR"
  local i
  for i in $(seq 1 "$N"); do echo "export BERTH_SWARM_NODE$i=unix://$(sock "$i")"; done
}

case "${1:-}" in
  up) nodes_up; form_swarm; print_env ;;
  nodes) nodes_up; print_env ;;
  down) down ;;
  stop) stop_node "${2:?node number}" ;;
  start) need_install; net_up; start_node "${2:?node number}"; wait_node "$2" ;;
  reset)
    for i in $(seq 1 "$N"); do
      api "$i" -X POST "http://localhost/v1.41/swarm/leave?force=1" >/dev/null 2>&1 || true
    done
    nodes_up; form_swarm; print_env ;;
  env) print_env ;;
  *) echo "usage: $0 up|nodes|down|stop N|start N|reset|env" >&2; exit 2 ;;
esac
