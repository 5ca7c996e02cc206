#!/usr/bin/env bash
# container-env.sh - the container toolchain Slipway's integration tests build against.
#
# Brings up, on Debian 12 (bookworm) amd64 as root, with no network but Debian's mirrors:
#   engine    Docker Engine 26 (docker.io/docker-cli/docker-buildx/containerd from trixie,
#             apt pin 100 so nothing else comes from trixie), started with the containerd
#             image store, its own data root and the socket /run/container-env/docker.sock
#   registry  Debian's docker-registry on 127.0.0.1:5000 (plain http, insecure for dockerd)
#   images    a Debian minbase image, and a .NET SDK and an ASP.NET runtime image made from
#             this host's /usr/share/dotnet, pushed to the registry and pinned by digest
#   tools     jq, curl, skopeo, cosign
#
# Every phase first checks whether its result is already there, so a second run with the
# daemons up takes seconds, and a run on a fresh machine (nothing running) does everything.
# It shares its directories, key file and outputs with the environment's own setup script,
# so either may run first.
#
# Usage:
#   container-env.sh          set up (or confirm) the environment, print a summary
#   container-env.sh --env    print the path of the env file and exit (sets up nothing)
#   container-env.sh --help
#
# Output: /run/container-env/base-images.env (KEY=VALUE, shell-sourceable):
#   SDK_IMAGE, RUNTIME_IMAGE, BASE_IMAGE   localhost:5000/<repo>@sha256:...
#   *_IMAGE_TAG                            the same images by tag
#   REGISTRY=localhost:5000  DOCKER_HOST=unix:///run/container-env/docker.sock  DOCKER=/usr/bin/docker
#
# Knobs: FORCE_REBUILD=1 (re-make base images), FORCE_ROOTFS=1 (re-run debootstrap),
#        DOTNET_DIR (default /usr/share/dotnet).
#
# Notes that shape the images:
#   * The SDK image trusts the CA certificates in this host's /usr/local/share/ca-certificates,
#     so `dotnet restore` inside a build reaches NuGet through a TLS-intercepting proxy.
#   * The runtime image has the user app (uid/gid 1654) and no curl: services probe themselves.
#   * Nothing is ever tagged "latest".
set -Eeuo pipefail
umask 022

OUT_DIR=/run/container-env                 # env file, sockets, pid files, dockerd exec root
STATE_DIR=/var/lib/container-env           # docker data root, registry storage, image key
CACHE_DIR=/var/cache/container-env         # debootstrap tarball, image build staging
LOG_DIR=/var/log/container-env
CONF_DIR=/etc/container-env
ENV_FILE=$OUT_DIR/base-images.env
DOTNET_DIR=${DOTNET_DIR:-/usr/share/dotnet}

DOCKER=/usr/bin/docker                     # the 26.1 client from docker-cli (trixie)
DOCKER_SOCK=$OUT_DIR/docker.sock
REGISTRY_ADDR=127.0.0.1:5000               # where it listens
REGISTRY=localhost:5000                    # how images name it
SUITE=bookworm
MIRROR=http://deb.debian.org/debian
ROOTFS_TAR=$CACHE_DIR/rootfs/debian-$SUITE-minbase.tar
IMAGE_RECIPE_REV=2                         # bump when the image recipes below change
PKGS_BOOKWORM=(docker-registry skopeo debootstrap jq curl ca-certificates iptables xz-utils)
PKGS_TRIXIE=(docker.io docker-cli docker-buildx containerd cosign)

case ${1:-} in
  --env) echo "$ENV_FILE"; exit 0 ;;
  -h|--help) sed -n '2,/^set -E/{/^set -E/d;s/^# \{0,1\}//;p}' "$0"; exit 0 ;;
  '') ;;
  *) echo "container-env.sh: unknown option '$1' (try --help)" >&2; exit 2 ;;
esac

export DEBIAN_FRONTEND=noninteractive DOCKER_CLI_HINTS=false BUILDKIT_PROGRESS=plain
export DOCKER_HOST=unix://$DOCKER_SOCK

mkdir -p "$OUT_DIR" "$STATE_DIR" "$CACHE_DIR" "$LOG_DIR" "$CONF_DIR"
LOG=$LOG_DIR/container-env.log
: > "$LOG"

# ------------------------------------------------------------------ reporting
STARTED=$(date +%s.%N)
SUMMARY=()
note() { printf '[container-env] %s\n' "$*"; }
fail() { printf '[container-env] ERROR: %s\n' "$*" >&2; exit 1; }
since() { awk -v a="$1" -v b="$(date +%s.%N)" 'BEGIN{printf "%.1f", b-a}'; }
# phase NAME FUNCTION: runs the function, which prints a one-line outcome; records the time.
phase() {
  local name=$1 t0 outcome; t0=$(date +%s.%N)
  note "$name ..."
  outcome=$("$2")
  SUMMARY+=("$(printf '%-34s %6ss  %s' "$name" "$(since "$t0")" "$outcome")")
  note "$name: $outcome"
}
quietly() { "$@" >> "$LOG" 2>&1; }
on_error() {
  local rc=$?
  ((BASH_SUBSHELL == 0)) || exit $rc
  echo "[container-env] FAILED (exit $rc) at line $1; the last lines of $LOG:" >&2
  tail -n 40 "$LOG" >&2
  exit $rc
}
trap 'on_error $LINENO' ERR

[[ $(id -u) -eq 0 ]] || fail "run as root"
[[ $(dpkg --print-architecture) == amd64 ]] || fail "amd64 only"
. /etc/os-release
[[ ${VERSION_CODENAME:-} == bookworm ]] || fail "Debian 12 (bookworm) only, this is ${VERSION_CODENAME:-unknown}"
[[ -x $DOTNET_DIR/dotnet ]] || fail "no .NET at $DOTNET_DIR (set DOTNET_DIR)"

# ------------------------------------------------------------------ packages
installed_version() { dpkg-query -W -f='${db:Status-Abbrev}${Version}' "$1" 2>/dev/null | sed -n 's/^ii *//p'; }

packages_missing() {
  local p v
  for p in "${PKGS_BOOKWORM[@]}"; do [[ -n $(installed_version "$p") ]] || return 0; done
  for p in "${PKGS_TRIXIE[@]}"; do
    v=$(installed_version "$p")
    [[ -n $v ]] || return 0
    case $p in
      docker.io|docker-cli) dpkg --compare-versions "$v" ge 26 || return 0 ;;
      containerd) dpkg --compare-versions "$v" ge 1.7 || return 0 ;;
    esac
  done
  return 1
}

install_packages() {
  # Docker 26 is in trixie only; the pin keeps every other package on bookworm.
  cat > /etc/apt/sources.list.d/container-env-trixie.sources <<'EOF'
Types: deb
URIs: http://deb.debian.org/debian
Suites: trixie
Components: main
Architectures: amd64
Signed-By: /usr/share/keyrings/debian-archive-keyring.gpg
EOF
  printf 'Package: *\nPin: release n=trixie\nPin-Priority: 100\n' > /etc/apt/preferences.d/container-env-trixie
  if ! packages_missing; then echo "already installed"; return; fi

  # Maintainer scripts must not start system services: this script runs its own daemons.
  local own_policy=0 p wanted=()
  if [[ ! -e /usr/sbin/policy-rc.d ]]; then
    printf '#!/bin/sh\nexit 101\n' > /usr/sbin/policy-rc.d; chmod +x /usr/sbin/policy-rc.d; own_policy=1
  fi
  # A broken third-party source must not stop the install; a missing package will.
  quietly apt-get update -q || note "apt-get update reported errors (see $LOG); going on" >&2
  # Name only what is missing: naming an installed bookworm package would upgrade it.
  for p in "${PKGS_BOOKWORM[@]}"; do [[ -n $(installed_version "$p") ]] || wanted+=("$p"); done
  for p in "${PKGS_TRIXIE[@]}"; do wanted+=("$p/trixie"); done
  quietly apt-get install -y -q --no-install-recommends "${wanted[@]}"
  ((own_policy)) && rm -f /usr/sbin/policy-rc.d
  echo "installed ${#wanted[@]} packages"
}

# ------------------------------------------------------------------ daemons
pid_alive() { [[ -s $1 ]] && kill -0 "$(cat "$1")" 2>/dev/null; }

start_dockerd() {
  cat > "$CONF_DIR/daemon.json" <<EOF
{
  "data-root": "$STATE_DIR/docker",
  "exec-root": "$OUT_DIR/docker",
  "pidfile": "$OUT_DIR/dockerd.pid",
  "hosts": ["unix://$DOCKER_SOCK"],
  "features": { "containerd-snapshotter": true },
  "insecure-registries": ["localhost:5000", "127.0.0.1:5000"],
  "log-driver": "json-file",
  "log-opts": { "max-size": "10m", "max-file": "2" }
}
EOF
  if pid_alive "$OUT_DIR/dockerd.pid" && $DOCKER version >/dev/null 2>&1; then
    echo "running (pid $(cat "$OUT_DIR/dockerd.pid"))"; return
  fi
  [[ -S /run/containerd/containerd.sock ]] && note "a system containerd runs; dockerd will use it instead of its own" >&2
  rm -f "$OUT_DIR/dockerd.pid" "$DOCKER_SOCK"
  mkdir -p "$STATE_DIR/docker"
  setsid /usr/sbin/dockerd --config-file "$CONF_DIR/daemon.json" >> "$LOG_DIR/dockerd.log" 2>&1 < /dev/null &
  local _
  for _ in $(seq 1 120); do $DOCKER version >/dev/null 2>&1 && break; sleep 0.5; done
  $DOCKER version >/dev/null 2>&1 || { tail -n 30 "$LOG_DIR/dockerd.log" >&2; fail "dockerd did not come up (log: $LOG_DIR/dockerd.log)"; }
  [[ $($DOCKER info -f '{{.Driver}}') == overlayfs ]] \
    || note "storage driver is $($DOCKER info -f '{{.Driver}}'), not the containerd snapshotter" >&2
  echo "started (pid $(cat "$OUT_DIR/dockerd.pid"))"
}

registry_answers() { [[ $(curl -s -o /dev/null -w '%{http_code}' "http://$REGISTRY_ADDR/v2/") == 200 ]]; }

start_registry() {
  cat > "$CONF_DIR/registry.yml" <<EOF
version: 0.1
log:
  level: warn
  accesslog:
    disabled: true
storage:
  filesystem:
    rootdirectory: $STATE_DIR/registry
  delete:
    enabled: true
http:
  addr: $REGISTRY_ADDR
EOF
  if pid_alive "$OUT_DIR/registry.pid" && registry_answers; then
    echo "running (pid $(cat "$OUT_DIR/registry.pid"))"; return
  fi
  registry_answers && fail "something this script did not start already serves $REGISTRY_ADDR; stop it first"
  mkdir -p "$STATE_DIR/registry"
  setsid /usr/bin/docker-registry serve "$CONF_DIR/registry.yml" >> "$LOG_DIR/registry.log" 2>&1 < /dev/null &
  echo $! > "$OUT_DIR/registry.pid"
  local _
  for _ in $(seq 1 60); do registry_answers && break; sleep 0.25; done
  registry_answers || { tail -n 20 "$LOG_DIR/registry.log" >&2; fail "the registry did not come up"; }
  echo "started (pid $(cat "$OUT_DIR/registry.pid"))"
}

# ------------------------------------------------------------------ registry queries
MANIFEST_TYPES='application/vnd.oci.image.index.v1+json,application/vnd.docker.distribution.manifest.list.v2+json,application/vnd.oci.image.manifest.v1+json,application/vnd.docker.distribution.manifest.v2+json'

# manifest_digest REPO TAG: the digest the registry serves for that tag
manifest_digest() {
  curl -fsSI -H "Accept: $MANIFEST_TYPES" "http://$REGISTRY_ADDR/v2/$1/manifests/$2" \
    | tr -d '\r' | awk -F': ' 'tolower($1) == "docker-content-digest" { print $2 }'
}

# registry_has REGISTRY/REPO@sha256:...: whether that exact manifest is stored
registry_has() {
  local ref=$1 repo
  [[ $ref == "$REGISTRY"/*@sha256:* ]] || return 1
  repo=${ref#"$REGISTRY"/}; repo=${repo%@*}
  [[ $(curl -s -o /dev/null -w '%{http_code}' -H "Accept: $MANIFEST_TYPES" \
      "http://$REGISTRY_ADDR/v2/$repo/manifests/${ref#*@}") == 200 ]]
}

# ------------------------------------------------------------------ Debian root file system
make_rootfs() {
  if [[ -s $ROOTFS_TAR && ${FORCE_ROOTFS:-0} != 1 ]]; then
    echo "cached ($ROOTFS_TAR, $(du -h "$ROOTFS_TAR" | cut -f1))"; return
  fi
  mkdir -p "$(dirname "$ROOTFS_TAR")"
  local work root
  work=$(mktemp -d "$CACHE_DIR/rootfs.XXXXXX"); root=$work/root
  quietly debootstrap --variant=minbase --include=ca-certificates,libicu72,tzdata "$SUITE" "$root" "$MIRROR"
  # Point and security updates, then trimmed the way debian:*-slim is.
  printf 'deb %s %s main\ndeb %s %s-updates main\ndeb http://deb.debian.org/debian-security %s-security main\n' \
    "$MIRROR" "$SUITE" "$MIRROR" "$SUITE" "$SUITE" > "$root/etc/apt/sources.list"
  printf '#!/bin/sh\nexit 101\n' > "$root/usr/sbin/policy-rc.d"; chmod +x "$root/usr/sbin/policy-rc.d"
  quietly chroot "$root" apt-get update -q
  quietly chroot "$root" env DEBIAN_FRONTEND=noninteractive apt-get -y -q upgrade
  quietly chroot "$root" apt-get clean
  printf '%s\n' 'path-exclude /usr/share/doc/*' 'path-include /usr/share/doc/*/copyright' \
    'path-exclude /usr/share/man/*' 'path-exclude /usr/share/info/*' 'path-exclude /usr/share/locale/*' \
    > "$root/etc/dpkg/dpkg.cfg.d/container-slim"
  echo 'Acquire::Languages "none";' > "$root/etc/apt/apt.conf.d/99container-no-translations"
  find "$root/usr/share/doc" -mindepth 1 -not -name copyright -not -type d -delete 2>/dev/null || true
  find "$root/usr/share/doc" -mindepth 1 -type d -empty -delete 2>/dev/null || true
  rm -rf "$root"/usr/share/{man,info,locale}/* "$root"/var/lib/apt/lists/* "$root"/var/cache/apt/*.bin \
         "$root"/var/cache/apt/archives/*.deb "$root"/var/log/* "$root"/tmp/* "$root"/usr/sbin/policy-rc.d \
         "$root"/etc/resolv.conf "$root"/etc/hostname
  : > "$root/etc/machine-id"
  tar --numeric-owner --xattrs --xattrs-include='*' -C "$root" -cf "$work/rootfs.tar" .
  mv -f "$work/rootfs.tar" "$ROOTFS_TAR"
  rm -rf "$work"
  echo "built ($ROOTFS_TAR, $(du -h "$ROOTFS_TAR" | cut -f1))"
}

# ------------------------------------------------------------------ base images
# newest DIR: the highest version-numbered entry of DIR (e.g. 10.0.401 of dotnet/sdk)
newest() { find "$1" -mindepth 1 -maxdepth 1 -name '[0-9]*.*' -printf '%f\n' | sort -V | tail -n1; }
SDK_VERSION=$(newest "$DOTNET_DIR/sdk")
ASPNET_VERSION=$(newest "$DOTNET_DIR/shared/Microsoft.AspNetCore.App")
NETCORE_VERSION=$(newest "$DOTNET_DIR/shared/Microsoft.NETCore.App")
[[ -n $SDK_VERSION && -n $ASPNET_VERSION && -n $NETCORE_VERSION ]] || fail "no SDK or runtimes under $DOTNET_DIR"
KEY_FILE=$STATE_DIR/base-images.key

# What the images are made from. Same wording as the shared setup script, so the two agree.
image_inputs_key() {
  local ca
  ca=$( { find /usr/local/share/ca-certificates -name '*.crt' -type f -print0 2>/dev/null || true; } \
        | sort -z | xargs -0r cat | sha256sum | cut -c1-12)
  echo "rev$IMAGE_RECIPE_REV rootfs=$(stat -c '%s-%Y' "$ROOTFS_TAR") sdk=$SDK_VERSION aspnet=$ASPNET_VERSION netcore=$NETCORE_VERSION ca=$ca"
}

env_value() { sed -n "s/^$1=//p" "$ENV_FILE"; }

base_images_current() {
  [[ ${FORCE_REBUILD:-0} != 1 && -s $ENV_FILE && -s $KEY_FILE ]] || return 1
  [[ $(cat "$KEY_FILE") == "$(image_inputs_key)" ]] || return 1
  registry_has "$(env_value SDK_IMAGE)" && registry_has "$(env_value RUNTIME_IMAGE)" && registry_has "$(env_value BASE_IMAGE)"
}

# build_and_push NAME DOCKERFILE REF [--build-context ...]: prints the pushed digest
build_and_push() {
  local name=$1 dockerfile=$2 ref=$3; shift 3
  quietly $DOCKER buildx build --progress=plain --provenance=false --build-arg BASE_IMAGE="$BASE_IMAGE" \
    -f "$dockerfile" -t "$ref" --push --metadata-file "$STAGE/$name.meta.json" "$@" "$STAGE/context"
  jq -r '."containerimage.digest"' "$STAGE/$name.meta.json"
}

make_base_images() {
  if base_images_current; then echo "up to date in the registry"; return; fi
  local base_tag=$REGISTRY/base/debian:$SUITE-minbase
  local sdk_tag=$REGISTRY/dotnet/sdk:$SDK_VERSION-$SUITE
  local runtime_tag=$REGISTRY/dotnet/aspnet:$ASPNET_VERSION-$SUITE
  STAGE=$CACHE_DIR/stage
  rm -rf "$STAGE"; mkdir -p "$STAGE"/{context,extra-ca,runtime/host,runtime/shared}

  quietly $DOCKER import --change 'ENV PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin' \
    --change 'ENV LANG=C.UTF-8' --change 'CMD ["bash"]' "$ROOTFS_TAR" "$base_tag"
  quietly $DOCKER push "$base_tag"
  BASE_IMAGE=$REGISTRY/base/debian@$(manifest_digest base/debian "$SUITE-minbase")

  # The host's extra CAs (e.g. of a TLS-intercepting egress proxy), so NuGet works in builds.
  find /usr/local/share/ca-certificates -name '*.crt' -type f -exec cp {} "$STAGE/extra-ca/" \; 2>/dev/null || true
  cat > "$STAGE/Dockerfile.sdk" <<'EOF'
ARG BASE_IMAGE
FROM ${BASE_IMAGE}
COPY --from=extra-ca . /usr/local/share/ca-certificates/
RUN update-ca-certificates
COPY --from=dotnet . /usr/share/dotnet/
RUN ln -s /usr/share/dotnet/dotnet /usr/bin/dotnet
ENV DOTNET_ROOT=/usr/share/dotnet \
    DOTNET_CLI_TELEMETRY_OPTOUT=1 \
    DOTNET_NOLOGO=1 \
    DOTNET_SKIP_FIRST_TIME_EXPERIENCE=1 \
    DOTNET_GENERATE_ASPNET_CERTIFICATE=false \
    DOTNET_USE_POLLING_FILE_WATCHER=true \
    NUGET_XMLDOC_MODE=skip
CMD ["bash"]
EOF
  SDK_IMAGE=$REGISTRY/dotnet/sdk@$(build_and_push sdk "$STAGE/Dockerfile.sdk" "$sdk_tag" \
    --build-context dotnet="$DOTNET_DIR" --build-context extra-ca="$STAGE/extra-ca")

  # The runtime gets the muxer, hostfxr and the two shared frameworks only (hard links where possible).
  local f
  link_copy() { cp -al "$@" 2>/dev/null || cp -a "$@"; }
  link_copy "$DOTNET_DIR/dotnet" "$STAGE/runtime/"
  for f in LICENSE.txt ThirdPartyNotices.txt; do [[ ! -e $DOTNET_DIR/$f ]] || link_copy "$DOTNET_DIR/$f" "$STAGE/runtime/"; done
  link_copy "$DOTNET_DIR/host/fxr" "$STAGE/runtime/host/"
  mkdir -p "$STAGE/runtime/shared/Microsoft.NETCore.App" "$STAGE/runtime/shared/Microsoft.AspNetCore.App"
  link_copy "$DOTNET_DIR/shared/Microsoft.NETCore.App/$NETCORE_VERSION" "$STAGE/runtime/shared/Microsoft.NETCore.App/"
  link_copy "$DOTNET_DIR/shared/Microsoft.AspNetCore.App/$ASPNET_VERSION" "$STAGE/runtime/shared/Microsoft.AspNetCore.App/"
  cat > "$STAGE/Dockerfile.runtime" <<'EOF'
ARG BASE_IMAGE
FROM ${BASE_IMAGE}
RUN groupadd --gid 1654 app \
 && useradd --uid 1654 --gid 1654 --create-home --home-dir /home/app --shell /usr/sbin/nologin app
COPY --from=runtime . /usr/share/dotnet/
RUN ln -s /usr/share/dotnet/dotnet /usr/bin/dotnet
ENV APP_UID=1654 \
    DOTNET_ROOT=/usr/share/dotnet \
    ASPNETCORE_HTTP_PORTS=8080 \
    DOTNET_RUNNING_IN_CONTAINER=true
CMD ["bash"]
EOF
  RUNTIME_IMAGE=$REGISTRY/dotnet/aspnet@$(build_and_push runtime "$STAGE/Dockerfile.runtime" "$runtime_tag" \
    --build-context runtime="$STAGE/runtime")
  rm -rf "$STAGE/runtime"

  # repo@digest without the tag: skopeo 1.9 rejects name:tag@digest.
  cat > "$ENV_FILE.tmp" <<EOF
SDK_IMAGE=$SDK_IMAGE
RUNTIME_IMAGE=$RUNTIME_IMAGE
BASE_IMAGE=$BASE_IMAGE
SDK_IMAGE_TAG=$sdk_tag
RUNTIME_IMAGE_TAG=$runtime_tag
BASE_IMAGE_TAG=$base_tag
REGISTRY=$REGISTRY
DOCKER_HOST=$DOCKER_HOST
DOCKER=$DOCKER
EOF
  mv -f "$ENV_FILE.tmp" "$ENV_FILE"
  image_inputs_key > "$KEY_FILE"
  # The build cache (mostly the transferred /usr/share/dotnet, ~1.4 GB) is of no further use.
  quietly $DOCKER builder prune -af
  echo "pushed $SDK_IMAGE, $RUNTIME_IMAGE"
}

smoke_test() {
  $DOCKER run --rm --pull=missing "$(env_value RUNTIME_IMAGE)" dotnet --list-runtimes >> "$LOG" 2>&1
  echo "the runtime image runs dotnet"
}

# ------------------------------------------------------------------ main
phase "packages" install_packages
phase "dockerd (containerd image store)" start_dockerd
phase "registry on $REGISTRY_ADDR" start_registry
phase "Debian $SUITE minbase root fs" make_rootfs
phase "base images" make_base_images
phase "smoke test" smoke_test

echo
echo "==================== container-env ready ($(since "$STARTED")s) ===================="
printf '  %s\n' "${SUMMARY[@]}"
echo "  docker   : $($DOCKER version -f 'client {{.Client.Version}} / server {{.Server.Version}}'), buildx $($DOCKER buildx version | awk '{print $2}')"
echo "  registry : http://$REGISTRY_ADDR (storage $STATE_DIR/registry)"
echo "  env file : $ENV_FILE"
sed 's/^/             /' "$ENV_FILE"
echo "  use      : set -a; . $ENV_FILE; set +a"
