#!/usr/bin/env bash
# container-env-teardown.sh - undo container-env.sh. Stops only the processes whose pid
# files container-env.sh wrote, after checking that each pid still runs our config.
#
#   container-env-teardown.sh           stop the registry and dockerd (its containerd and
#                                       containers go with it) and unregister the qemu-aarch64
#                                       binfmt entry it registered; data stays, so the next
#                                       container-env.sh is a quick restart
#   container-env-teardown.sh --purge   also delete the docker data root, registry storage,
#                                       logs, config and the env file (base images are re-made)
set -uo pipefail

OUT_DIR=/run/container-env
STATE_DIR=/var/lib/container-env
CACHE_DIR=/var/cache/container-env
LOG_DIR=/var/log/container-env
CONF_DIR=/etc/container-env
DOCKER=/usr/bin/docker
note() { printf '[container-env-teardown] %s\n' "$*"; }

case ${1:-} in
  '') purge=0 ;;
  --purge) purge=1 ;;
  *) echo "usage: $0 [--purge]" >&2; exit 2 ;;
esac
[[ $(id -u) -eq 0 ]] || { echo "run as root" >&2; exit 1; }

# stop NAME PIDFILE CONFIG: TERM (then KILL after 30s) the pid if its command line names CONFIG
stop() {
  local name=$1 pid_file=$2 config=$3 pid _
  [[ -s $pid_file ]] || { note "$name: no pid file"; return 0; }
  pid=$(cat "$pid_file")
  if ! kill -0 "$pid" 2>/dev/null; then note "$name: not running"; rm -f "$pid_file"; return 0; fi
  if ! tr '\0' ' ' < "/proc/$pid/cmdline" | grep -qF -- "$config"; then
    note "$name: pid $pid does not run $config; left alone"; return 0
  fi
  kill -TERM "$pid"
  for _ in $(seq 1 60); do kill -0 "$pid" 2>/dev/null || break; sleep 0.5; done
  kill -0 "$pid" 2>/dev/null && { note "$name: still running after 30s, killing"; kill -KILL "$pid"; }
  rm -f "$pid_file"
  note "$name: stopped (pid $pid)"
}

if [[ -S $OUT_DIR/docker.sock ]] && [[ -s $OUT_DIR/dockerd.pid ]] && kill -0 "$(cat "$OUT_DIR/dockerd.pid")" 2>/dev/null; then
  containers=$(DOCKER_HOST=unix://$OUT_DIR/docker.sock $DOCKER ps -aq 2>/dev/null)
  if [[ -n $containers ]]; then
    # shellcheck disable=SC2086 # one id per word
    DOCKER_HOST=unix://$OUT_DIR/docker.sock $DOCKER rm -f $containers >/dev/null 2>&1 && note "removed containers"
  fi
fi
stop registry "$OUT_DIR/registry.pid" "$CONF_DIR/registry.yml"
stop dockerd "$OUT_DIR/dockerd.pid" "$CONF_DIR/daemon.json"

# The arm64 emulation container-env.sh set up (binfmt entries it registered, binfmt_misc if it
# mounted it); entries that were there before it ran are left alone (one it replaced because
# it lacked the F flag counts as its own).
BINFMT_DIR=/proc/sys/fs/binfmt_misc
if [[ -s $OUT_DIR/binfmt-registered ]]; then
  sort -u "$OUT_DIR/binfmt-registered" | while read -r entry; do
    [[ -e $BINFMT_DIR/$entry ]] && echo -1 > "$BINFMT_DIR/$entry" 2>/dev/null && note "unregistered binfmt $entry"
  done
  rm -f "$OUT_DIR/binfmt-registered"
fi
if [[ -e $OUT_DIR/binfmt-mounted ]]; then
  if [[ -z $(find "$BINFMT_DIR" -mindepth 1 -maxdepth 1 ! -name register ! -name status 2>/dev/null) ]] \
     && umount "$BINFMT_DIR" 2>/dev/null; then
    note "unmounted $BINFMT_DIR"
  fi
  rm -f "$OUT_DIR/binfmt-mounted"
fi
rm -f "$OUT_DIR/arm64-emulation"

# Mounts left below our directories (after a KILL), deepest first.
for dir in "$OUT_DIR" "$STATE_DIR"; do
  awk -v d="$dir" 'index($2, d) == 1 { print $2 }' /proc/mounts | sort -r | while read -r mount; do umount -l "$mount" 2>/dev/null; done
done

if ((purge)); then
  rm -rf "$STATE_DIR" "$OUT_DIR" "$LOG_DIR" "$CONF_DIR" "$CACHE_DIR/stage" "$CACHE_DIR/stage-arm64"
  note "deleted $STATE_DIR, $OUT_DIR, $LOG_DIR, $CONF_DIR (the debootstrap tarballs and the arm64 NuGet packs in $CACHE_DIR stay)"
  ip link show docker0 >/dev/null 2>&1 && ip link delete docker0 2>/dev/null && note "removed docker0"
fi
note "done"
