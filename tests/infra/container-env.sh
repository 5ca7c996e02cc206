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
#   arm64     qemu-user-static registered in binfmt_misc (flag F, so it works in containers);
#             a linux/arm64 twin of the runtime image (Debian arm64 root fs, the linux-arm64
#             runtime packs from NuGet, a cross-compiled `dotnet` muxer: arm64/dotnet-muxer.c),
#             and a multi-platform index of the two, for cross-built linux/amd64,linux/arm64
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
#   ARM64_RUNTIME_IMAGE     localhost:5000/dotnet/aspnet@sha256:... the linux/arm64 runtime image:
#                           RUNTIME_IMAGE's ENV, CMD, user app 1654 and /usr/bin/dotnet, same .NET version
#   ARM64_RUNTIME_IMAGE_TAG localhost:5000/dotnet/aspnet:<aspnet>-bookworm-arm64
#   MULTI_RUNTIME_IMAGE     localhost:5000/dotnet/aspnet@sha256:... an OCI image index: linux/amd64 is
#                           exactly RUNTIME_IMAGE's manifest, linux/arm64 is ARM64_RUNTIME_IMAGE
#   MULTI_RUNTIME_IMAGE_TAG localhost:5000/dotnet/aspnet:<aspnet>-bookworm-multi
#   ARM64_EMULATION         1 if this engine runs linux/arm64 containers (qemu), else 0, and then
#   ARM64_EMULATION_REASON  why not, one word (spaces as _: the file is both sourced and read literally)
#
# Knobs: FORCE_REBUILD=1 (re-make base images and the arm64 image), FORCE_ROOTFS=1 (re-run
#        debootstrap, both architectures), DOTNET_DIR (default /usr/share/dotnet),
#        ARM64_NO_EMULATION=1 (register no qemu), ARM64_ROOTFS_SECOND_STAGE=1 (finish the arm64
#        root fs with debootstrap's second stage and the security upgrade under qemu, ~10 min),
#        ARM64_NETCORE_VERSION / ARM64_ASPNET_VERSION (arm64 packs; default the host's versions).
#
# Notes that shape the images:
#   * The SDK image trusts the CA certificates in this host's /usr/local/share/ca-certificates,
#     so `dotnet restore` inside a build reaches NuGet through a TLS-intercepting proxy.
#   * The runtime image has the user app (uid/gid 1654) and no curl: services probe themselves.
#   * Nothing is ever tagged "latest".
#   * The arm64 image is assembled from files on the host and imported (docker import
#     --platform linux/arm64): no arm64 code runs in Docker to build it. By default its root fs
#     is debootstrap's first stage, unpacked (the bookworm release versions, ~35 s), and the few
#     files the maintainer scripts would make are written; ARM64_ROOTFS_SECOND_STAGE=1 runs the
#     real second stage and the security upgrade under qemu instead (~10 min on 2 cores, once:
#     the tarball is cached). The tests need the runtime's libraries and run it, nothing more.
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
# slim_rootfs ROOT: trim a bootstrapped root the way debian:*-slim is (docs, man pages, caches).
slim_rootfs() {
  local root=$1
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
}

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
  slim_rootfs "$root"
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

# ------------------------------------------------------------------ arm64: emulation, runtime image, multi-platform index
# Services are cross-built for linux/amd64,linux/arm64: the SDK stage runs on amd64, the final
# stage (FROM RUNTIME_IMAGE, COPY/ENV/USER only) needs a runtime base that has both platforms.
# So: an arm64 twin of the runtime image, and an index whose amd64 entry is RUNTIME_IMAGE itself.
BINFMT_DIR=/proc/sys/fs/binfmt_misc
BINFMT_NAME=qemu-aarch64
BINFMT_CONF=/usr/lib/binfmt.d/qemu-aarch64.conf   # shipped by qemu-user-static
EMU_STATE=$OUT_DIR/arm64-emulation                # "1", or "0 <reason>": this boot's binfmt outcome
ARM64_ROOTFS_TAR=$CACHE_DIR/rootfs/debian-$SUITE-minbase-arm64.tar
ARM64_RECIPE_REV=1                                # bump when the arm64 recipe below changes
ARM64_KEY_FILE=$STATE_DIR/arm64-runtime.key       # its own key: the amd64 images never rebuild for it
ARM64_REF_FILE=$STATE_DIR/arm64-runtime.ref
ARM64_NETCORE_VERSION=${ARM64_NETCORE_VERSION:-$NETCORE_VERSION}
ARM64_ASPNET_VERSION=${ARM64_ASPNET_VERSION:-$ASPNET_VERSION}
ARM64_NUGET_DIR=$CACHE_DIR/nuget-arm64
ARM64_RUNTIME_TAG=$REGISTRY/dotnet/aspnet:$ARM64_ASPNET_VERSION-$SUITE-arm64
MULTI_RUNTIME_TAG=$ASPNET_VERSION-$SUITE-multi      # in dotnet/aspnet, beside RUNTIME_IMAGE
MUXER_SRC=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)/arm64/dotnet-muxer.c
[[ -s $MUXER_SRC ]] || fail "missing $MUXER_SRC"

# apt_install PKG...: installs the missing ones of these bookworm packages (no services started)
apt_install() {
  local p wanted=() own_policy=0
  for p; do [[ -n $(installed_version "$p") ]] || wanted+=("$p"); done
  ((${#wanted[@]})) || return 0
  if [[ ! -e /usr/sbin/policy-rc.d ]]; then
    printf '#!/bin/sh\nexit 101\n' > /usr/sbin/policy-rc.d; chmod +x /usr/sbin/policy-rc.d; own_policy=1
  fi
  local rc=0
  quietly apt-get install -y -q --no-install-recommends "${wanted[@]}" \
    || { quietly apt-get update -q || true; quietly apt-get install -y -q --no-install-recommends "${wanted[@]}" || rc=$?; }
  ((own_policy)) && rm -f /usr/sbin/policy-rc.d
  return $rc
}

# set_env KEY=VALUE...: replaces (or adds) those keys in the env file, atomically
set_env() {
  local kv keys=()
  for kv; do keys+=("${kv%%=*}"); done
  { grep -vE "^($(IFS='|'; echo "${keys[*]}"))=" "$ENV_FILE" || true; printf '%s\n' "$@"; } > "$ENV_FILE.tmp"
  mv -f "$ENV_FILE.tmp" "$ENV_FILE"
}
unset_env() { { grep -vE "^($(IFS='|'; echo "$*"))=" "$ENV_FILE" || true; } > "$ENV_FILE.tmp"; mv -f "$ENV_FILE.tmp" "$ENV_FILE"; }
# env_token TEXT: TEXT as one word that is the same read literally (KEY=VALUE) and sourced by a shell
env_token() { printf '%s' "$*" | tr -c 'A-Za-z0-9._,:/+@%=-' '_'; }

emulation_state() { cat "$EMU_STATE" 2>/dev/null || echo "0 the arm64 emulation phase did not run"; }
binfmt_flags() { sed -n 's/^flags: //p' "$BINFMT_DIR/$BINFMT_NAME" 2>/dev/null; }
# The F (fix-binary) flag makes the kernel open qemu when the entry is registered, so arm64
# binaries run in any mount namespace: containers and chroots need no qemu of their own.
binfmt_ready() {
  [[ -e $BINFMT_DIR/$BINFMT_NAME && $(head -n1 "$BINFMT_DIR/$BINFMT_NAME") == enabled \
     && $(binfmt_flags) == *F* && $(cat "$BINFMT_DIR/status" 2>/dev/null) == enabled ]]
}

# register_binfmt: prints what it did (exit 0) or why emulation is unavailable (exit 1)
register_binfmt() {
  [[ ${ARM64_NO_EMULATION:-0} != 1 ]] || { echo "ARM64_NO_EMULATION=1 was set"; return 1; }
  if [[ ! -e $BINFMT_DIR/register ]]; then
    grep -qw binfmt_misc /proc/filesystems || { echo "the kernel has no binfmt_misc"; return 1; }
    mount -t binfmt_misc binfmt_misc "$BINFMT_DIR" >> "$LOG" 2>&1 || { echo "cannot mount binfmt_misc on $BINFMT_DIR"; return 1; }
    touch "$OUT_DIR/binfmt-mounted"               # for the teardown
  fi
  apt_install qemu-user-static || { echo "cannot install qemu-user-static"; return 1; }
  if binfmt_ready; then echo "$BINFMT_NAME registered (flags $(binfmt_flags))"; return 0; fi
  [[ -s $BINFMT_CONF ]] || { echo "qemu-user-static has no $BINFMT_CONF"; return 1; }
  # An entry without F (or disabled) is replaced: without F qemu is looked up inside each container.
  if [[ -e $BINFMT_DIR/$BINFMT_NAME ]]; then
    echo -1 > "$BINFMT_DIR/$BINFMT_NAME" 2>> "$LOG" || { echo "cannot replace the $BINFMT_NAME entry that lacks F"; return 1; }
  fi
  local line
  line=$(grep -v '^#' "$BINFMT_CONF" | grep -m1 "^:$BINFMT_NAME:") || { echo "no $BINFMT_NAME line in $BINFMT_CONF"; return 1; }
  [[ ${line##*:} == *F* ]] || line+=F
  printf '%s' "$line" > "$BINFMT_DIR/register" 2>> "$LOG" || { echo "the kernel refused the $BINFMT_NAME entry"; return 1; }
  echo "$BINFMT_NAME" >> "$OUT_DIR/binfmt-registered"  # for the teardown
  binfmt_ready || { echo "$BINFMT_NAME did not come up enabled with F"; return 1; }
  echo "$BINFMT_NAME registered now (flags $(binfmt_flags))"
}

setup_emulation() {
  local out
  if out=$(register_binfmt); then echo 1 > "$EMU_STATE"; echo "$out"
  else echo "0 $out" > "$EMU_STATE"; echo "unavailable: $out"; fi
}

# elf_machine FILE: the ELF e_machine number (183 = AArch64, 62 = x86-64)
elf_machine() { od -An -t u2 -j 18 -N 2 "$1" | tr -d ' '; }

# The arm64 root fs. With emulation, debootstrap's second stage runs arm64's own maintainer
# scripts (a real dpkg database, ld.so cache, users, alternatives), then the same security
# upgrade and trimming as the amd64 one; qemu need not be copied in (binfmt F flag).
# Without it the first stage's packages are only unpacked, and what their maintainer scripts
# would have made for a .NET runtime is written here: passwd/group/shadow, CA bundle, localtime.
make_arm64_rootfs() {
  if [[ -s $ARM64_ROOTFS_TAR && ${FORCE_ROOTFS:-0} != 1 ]]; then
    echo "cached ($ARM64_ROOTFS_TAR, $(du -h "$ARM64_ROOTFS_TAR" | cut -f1), $(cat "$ARM64_ROOTFS_TAR.how" 2>/dev/null))"; return
  fi
  mkdir -p "$(dirname "$ARM64_ROOTFS_TAR")"
  local work root how f
  work=$(mktemp -d "$CACHE_DIR/rootfs-arm64.XXXXXX"); root=$work/root
  quietly debootstrap --foreign --arch=arm64 --variant=minbase --include=ca-certificates,libicu72,tzdata "$SUITE" "$root" "$MIRROR"
  # The second stage under qemu takes about 10 minutes on 2 cores: only on request (ARM64_ROOTFS_SECOND_STAGE=1).
  if [[ ${ARM64_ROOTFS_SECOND_STAGE:-0} == 1 && $(emulation_state) == 1 ]] && chroot "$root" /bin/true >> "$LOG" 2>&1; then
    quietly chroot "$root" /debootstrap/debootstrap --second-stage
    printf 'deb %s %s main\ndeb %s %s-updates main\ndeb http://deb.debian.org/debian-security %s-security main\n' \
      "$MIRROR" "$SUITE" "$MIRROR" "$SUITE" "$SUITE" > "$root/etc/apt/sources.list"
    printf '#!/bin/sh\nexit 101\n' > "$root/usr/sbin/policy-rc.d"; chmod +x "$root/usr/sbin/policy-rc.d"
    quietly chroot "$root" apt-get update -q
    quietly chroot "$root" env DEBIAN_FRONTEND=noninteractive apt-get -y -q upgrade
    quietly chroot "$root" apt-get clean
    how="second stage under qemu"
  else
    arm64_unpack_only "$root"
    how="unpacked without emulation"
  fi
  for f in lib/aarch64-linux-gnu/libc.so.6 lib/aarch64-linux-gnu/libgcc_s.so.1 usr/lib/aarch64-linux-gnu/libstdc++.so.6 \
           usr/lib/aarch64-linux-gnu/libicuuc.so.72 usr/lib/aarch64-linux-gnu/libssl.so.3 lib/aarch64-linux-gnu/libz.so.1 \
           etc/ssl/certs/ca-certificates.crt usr/share/zoneinfo/UTC; do
    [[ -e $root/$f || -e $root/usr/$f ]] || fail "the arm64 root fs lacks /$f"
  done
  slim_rootfs "$root"
  tar --numeric-owner --xattrs --xattrs-include='*' -C "$root" -cf "$work/rootfs.tar" .
  mv -f "$work/rootfs.tar" "$ARM64_ROOTFS_TAR"
  echo "$how" > "$ARM64_ROOTFS_TAR.how"
  rm -rf "$work"
  echo "built ($ARM64_ROOTFS_TAR, $(du -h "$ARM64_ROOTFS_TAR" | cut -f1), $how)"
}

arm64_unpack_only() {
  local root=$1 deb days
  # The first stage downloaded the whole set (required + --include) and unpacked only part of it.
  for deb in "$root"/var/cache/apt/archives/*.deb; do
    dpkg-deb --fsys-tarfile "$deb" | tar -x --keep-directory-symlink --numeric-owner -C "$root"
  done
  cp "$root/usr/share/base-passwd/passwd.master" "$root/etc/passwd"
  cp "$root/usr/share/base-passwd/group.master" "$root/etc/group"
  days=$(( $(date +%s) / 86400 ))
  awk -F: -v d="$days" '{ print $1 ":*:" d ":0:99999:7:::" }' "$root/etc/passwd" > "$root/etc/shadow"
  awk -F: '{ print $1 ":*::" }' "$root/etc/group" > "$root/etc/gshadow"
  chown 0:42 "$root/etc/shadow" "$root/etc/gshadow"; chmod 640 "$root/etc/shadow" "$root/etc/gshadow"
  mkdir -p "$root/etc/ssl/certs"
  find "$root/usr/share/ca-certificates" -name '*.crt' -type f | sort | xargs cat > "$root/etc/ssl/certs/ca-certificates.crt"
  ln -sfn /usr/share/zoneinfo/Etc/UTC "$root/etc/localtime"; echo Etc/UTC > "$root/etc/timezone"
  rm -rf "$root/debootstrap"
}

# fetch_arm64_packs: the two linux-arm64 runtime packs, restored once into ARM64_NUGET_DIR
fetch_arm64_packs() {
  local n=microsoft.netcore.app.runtime.linux-arm64/$ARM64_NETCORE_VERSION a=microsoft.aspnetcore.app.runtime.linux-arm64/$ARM64_ASPNET_VERSION
  NETCORE_PACK=$ARM64_NUGET_DIR/packages/$n ASPNET_PACK=$ARM64_NUGET_DIR/packages/$a
  [[ -e $NETCORE_PACK/${n%%/*}.$ARM64_NETCORE_VERSION.nupkg.sha512 && -e $ASPNET_PACK/${a%%/*}.$ARM64_ASPNET_VERSION.nupkg.sha512 ]] && return 0
  mkdir -p "$ARM64_NUGET_DIR/restore"
  cat > "$ARM64_NUGET_DIR/restore/download.csproj" <<EOF
<Project Sdk="Microsoft.NET.Sdk">
  <PropertyGroup><TargetFramework>net10.0</TargetFramework></PropertyGroup>
  <ItemGroup>
    <PackageDownload Include="Microsoft.NETCore.App.Runtime.linux-arm64" Version="[$ARM64_NETCORE_VERSION]" />
    <PackageDownload Include="Microsoft.AspNetCore.App.Runtime.linux-arm64" Version="[$ARM64_ASPNET_VERSION]" />
  </ItemGroup>
</Project>
EOF
  quietly env DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1 "$DOTNET_DIR/dotnet" restore \
    "$ARM64_NUGET_DIR/restore/download.csproj" --packages "$ARM64_NUGET_DIR/packages"
  [[ -d $NETCORE_PACK/runtimes/linux-arm64 && -d $ASPNET_PACK/runtimes/linux-arm64 ]] || fail "the linux-arm64 runtime packs did not restore"
}

arm64_inputs_key() {
  echo "arm64rev$ARM64_RECIPE_REV rootfs=$(stat -c '%s-%Y' "$ARM64_ROOTFS_TAR") netcore=$ARM64_NETCORE_VERSION aspnet=$ARM64_ASPNET_VERSION muxer=$(sha256sum < "$MUXER_SRC" | cut -c1-12)"
}

arm64_image_current() {
  [[ ${FORCE_REBUILD:-0} != 1 && -s $ARM64_KEY_FILE && -s $ARM64_REF_FILE ]] || return 1
  [[ $(cat "$ARM64_KEY_FILE") == "$(arm64_inputs_key)" ]] || return 1
  registry_has "$(cat "$ARM64_REF_FILE")"
}

# The image: the arm64 root fs plus a shared-framework install, assembled as files on the host
# and imported as one linux/arm64 layer (docker import --platform), so no arm64 code runs in
# Docker and ownership (root:shadow, /home/app) is kept as tarred. Same ENV/CMD/user as amd64.
make_arm64_runtime() {
  local tag=$ARM64_RUNTIME_TAG
  if arm64_image_current; then set_env "ARM64_RUNTIME_IMAGE=$(cat "$ARM64_REF_FILE")" "ARM64_RUNTIME_IMAGE_TAG=$tag"
    echo "up to date in the registry"; return; fi
  local stage=$CACHE_DIR/stage-arm64 root dn f arch ref repo
  rm -rf "$stage"; mkdir -p "$stage/root"; root=$stage/root
  tar --numeric-owner --xattrs --xattrs-include='*' -xpf "$ARM64_ROOTFS_TAR" -C "$root"

  # .NET: the packs' files are exactly an installed shared framework (file sets, .deps.json and
  # .runtimeconfig.json match the host's linux-x64 ones but for the RID); .version is the
  # packs' versions.txt; libhostfxr.so goes to host/fxr/<ver>/.
  fetch_arm64_packs
  dn=$root/usr/share/dotnet
  mkdir -p "$dn/host/fxr/$ARM64_NETCORE_VERSION" "$dn/shared/Microsoft.NETCore.App/$ARM64_NETCORE_VERSION" \
           "$dn/shared/Microsoft.AspNetCore.App/$ARM64_ASPNET_VERSION"
  cp "$NETCORE_PACK/runtimes/linux-arm64/native/libhostfxr.so" "$dn/host/fxr/$ARM64_NETCORE_VERSION/"
  cp "$NETCORE_PACK"/runtimes/linux-arm64/lib/net10.0/* "$dn/shared/Microsoft.NETCore.App/$ARM64_NETCORE_VERSION/"
  find "$NETCORE_PACK/runtimes/linux-arm64/native" -maxdepth 1 -type f ! -name libhostfxr.so \
    -exec cp {} "$dn/shared/Microsoft.NETCore.App/$ARM64_NETCORE_VERSION/" \;
  cp "$NETCORE_PACK/Microsoft.NETCore.App.versions.txt" "$dn/shared/Microsoft.NETCore.App/$ARM64_NETCORE_VERSION/.version"
  cp "$ASPNET_PACK"/runtimes/linux-arm64/lib/net10.0/* "$dn/shared/Microsoft.AspNetCore.App/$ARM64_ASPNET_VERSION/"
  cp "$ASPNET_PACK/Microsoft.AspNetCore.App.versions.txt" "$dn/shared/Microsoft.AspNetCore.App/$ARM64_ASPNET_VERSION/.version"
  for f in LICENSE.txt ThirdPartyNotices.txt; do [[ ! -e $DOTNET_DIR/$f ]] || cp "$DOTNET_DIR/$f" "$dn/"; done
  chmod -R u=rwX,go=rX "$dn"; chmod 755 "$dn/shared/Microsoft.NETCore.App/$ARM64_NETCORE_VERSION/createdump"

  # The muxer: no served package has the arm64 `dotnet`; this C one (arm64/dotnet-muxer.c)
  # calls hostfxr_main_startupinfo the way dotnet/runtime's corehost does.
  apt_install gcc-aarch64-linux-gnu libc6-dev-arm64-cross || fail "cannot install the aarch64 cross compiler"
  quietly aarch64-linux-gnu-gcc -O2 -Wall -Wextra -Werror -o "$dn/dotnet" "$MUXER_SRC"
  quietly aarch64-linux-gnu-strip "$dn/dotnet"
  ln -sfn /usr/share/dotnet/dotnet "$root/usr/bin/dotnet"
  for f in "$dn/dotnet" "$dn/host/fxr/$ARM64_NETCORE_VERSION/libhostfxr.so" \
           "$dn/shared/Microsoft.NETCore.App/$ARM64_NETCORE_VERSION/libcoreclr.so"; do
    [[ $(elf_machine "$f") == 183 ]] || fail "$f is not an AArch64 ELF file (e_machine $(elf_machine "$f"))"
  done

  # The user app (uid/gid 1654, home /home/app), as the amd64 image's groupadd/useradd make it.
  # The second stage under qemu takes about 10 minutes on 2 cores: only on request (ARM64_ROOTFS_SECOND_STAGE=1).
  if [[ ${ARM64_ROOTFS_SECOND_STAGE:-0} == 1 && $(emulation_state) == 1 ]] && chroot "$root" /bin/true >> "$LOG" 2>&1; then
    quietly chroot "$root" groupadd --gid 1654 app
    quietly chroot "$root" useradd --uid 1654 --gid 1654 --create-home --home-dir /home/app --shell /usr/sbin/nologin app
  else
    echo 'app:x:1654:1654::/home/app:/usr/sbin/nologin' >> "$root/etc/passwd"
    echo 'app:x:1654:' >> "$root/etc/group"
    echo "app:!:$(( $(date +%s) / 86400 )):0:99999:7:::" >> "$root/etc/shadow"
    echo 'app:!::' >> "$root/etc/gshadow"
    mkdir -p "$root/home/app"; cp -a "$root/etc/skel/." "$root/home/app/"
    chown -R 1654:1654 "$root/home/app"; chmod 755 "$root/home/app"
  fi
  rm -rf "$root"/tmp/* "$root"/var/log/*

  tar --numeric-owner --xattrs --xattrs-include='*' -C "$root" -cf "$stage/image.tar" .
  rm -rf "$root"
  quietly $DOCKER import --platform linux/arm64 \
    --change 'ENV PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin' --change 'ENV LANG=C.UTF-8' \
    --change 'ENV APP_UID=1654' --change 'ENV DOTNET_ROOT=/usr/share/dotnet' \
    --change 'ENV ASPNETCORE_HTTP_PORTS=8080' --change 'ENV DOTNET_RUNNING_IN_CONTAINER=true' \
    --change 'CMD ["bash"]' "$stage/image.tar" "$tag"
  rm -f "$stage/image.tar"
  quietly $DOCKER push "$tag"
  repo=${tag#"$REGISTRY"/}; repo=${repo%:*}
  ref=$REGISTRY/$repo@$(manifest_digest "$repo" "${tag##*:}")
  arch=$(manifest_platform "$repo" "${ref#*@}")
  [[ $arch == linux/arm64 ]] || fail "$ref has the platform $arch, not linux/arm64"
  [[ $(emulation_state) != 1 ]] || probe_arm64_app "$tag" "$stage"
  echo "$ref" > "$ARM64_REF_FILE"
  arm64_inputs_key > "$ARM64_KEY_FILE"
  rm -rf "$stage"
  set_env "ARM64_RUNTIME_IMAGE=$ref" "ARM64_RUNTIME_IMAGE_TAG=$tag"
  echo "pushed $ref"
}

# probe_arm64_app IMAGE STAGE: a framework-dependent ASP.NET app, published here for any RID,
# must answer HTTP inside the arm64 container (under qemu) and report Arm64.
probe_arm64_app() {
  local image=$1 dir=$2/probe port cid _ body=
  mkdir -p "$dir/src"
  cat > "$dir/src/probe.csproj" <<'EOF'
<Project Sdk="Microsoft.NET.Sdk.Web">
  <PropertyGroup><TargetFramework>net10.0</TargetFramework><UseAppHost>false</UseAppHost><Nullable>enable</Nullable></PropertyGroup>
</Project>
EOF
  cat > "$dir/src/Program.cs" <<'EOF'
using System.Runtime.InteropServices;
using Microsoft.AspNetCore.Builder;
var app = WebApplication.Create(args);
app.MapGet("/", () => $"probe {RuntimeInformation.ProcessArchitecture} {RuntimeInformation.FrameworkDescription}");
app.Run();
EOF
  quietly env DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1 "$DOTNET_DIR/dotnet" publish "$dir/src/probe.csproj" -c Release -o "$dir/app"
  port=$(( 20000 + RANDOM % 20000 ))
  cid=$($DOCKER run -d --platform linux/arm64 --network host -e ASPNETCORE_HTTP_PORTS=$port -v "$dir/app:/app:ro" \
        --user 1654:1654 "$image" dotnet /app/probe.dll)
  for _ in $(seq 1 240); do
    body=$(curl -fs -m 2 "http://127.0.0.1:$port/" 2>/dev/null) && break
    [[ $($DOCKER inspect -f '{{.State.Running}}' "$cid") == true ]] || break
    sleep 0.5
  done
  $DOCKER logs "$cid" >> "$LOG" 2>&1 || true
  $DOCKER rm -f "$cid" > /dev/null 2>&1 || true
  echo "arm64 probe answered: ${body:-nothing}" >> "$LOG"
  [[ $body == "probe Arm64 "* ]] || fail "the ASP.NET probe app did not answer as Arm64 in $image (got '${body}')"
}

# manifest_platform REPO DIGEST: os/architecture[/variant] from that manifest's config
manifest_platform() {
  local cfg
  cfg=$(curl -fsS -H "Accept: $MANIFEST_TYPES" "http://$REGISTRY_ADDR/v2/$1/manifests/$2" | jq -r .config.digest)
  curl -fsS "http://$REGISTRY_ADDR/v2/$1/blobs/$cfg" | jq -r '[.os, .architecture, .variant // empty] | join("/")'
}

# descriptor REPO DIGEST: the index entry for that manifest (media type, size, digest, platform)
descriptor() {
  local tmp=$CACHE_DIR/descriptor.$$ type
  curl -fsS -D "$tmp.h" -o "$tmp.b" -H "Accept: $MANIFEST_TYPES" "http://$REGISTRY_ADDR/v2/$1/manifests/$2"
  [[ sha256:$(sha256sum < "$tmp.b" | cut -d' ' -f1) == "$2" ]] || fail "the registry's $1@$2 does not hash to its digest"
  type=$(tr -d '\r' < "$tmp.h" | awk -F': ' 'tolower($1) == "content-type" { print $2 }')
  jq -cn --arg t "$type" --arg d "$2" --argjson s "$(stat -c %s "$tmp.b")" --arg p "$(manifest_platform "$1" "$2")" \
    '{mediaType: $t, digest: $d, size: $s, platform: ($p | split("/") | {os: .[0], architecture: .[1]} + (if .[2] then {variant: .[2]} else {} end))}'
  rm -f "$tmp.h" "$tmp.b"
}

# The index is written by hand and PUT to the registry: its amd64 entry is RUNTIME_IMAGE's own
# manifest (buildx imagetools would do the same, but needs TLS or a buildkitd config for a plain
# http registry). RUNTIME_IMAGE is a Docker schema 2 manifest (buildx), the imported arm64 one
# an OCI manifest, so it is an OCI image index (a Docker manifest list only if both were schema 2);
# no attestation entries, so no unknown/unknown platform. It is deterministic: an unchanged pair
# gives the same digest, and then nothing is pushed.
make_multi_index() {
  local tag=$MULTI_RUNTIME_TAG amd64 arm64 index=$CACHE_DIR/multi-index.json type digest
  amd64=$(descriptor dotnet/aspnet "$(env_value RUNTIME_IMAGE | sed 's/.*@//')")
  arm64=$(descriptor dotnet/aspnet "$(env_value ARM64_RUNTIME_IMAGE | sed 's/.*@//')")
  [[ $(jq -r .platform.architecture <<< "$amd64") == amd64 && $(jq -r .platform.architecture <<< "$arm64") == arm64 ]] \
    || fail "unexpected platforms: $amd64 / $arm64"
  if [[ $(jq -r .mediaType <<< "$amd64") == application/vnd.docker.distribution.manifest.v2+json \
        && $(jq -r .mediaType <<< "$arm64") == application/vnd.docker.distribution.manifest.v2+json ]]; then
    type=application/vnd.docker.distribution.manifest.list.v2+json
  else
    type=application/vnd.oci.image.index.v1+json
  fi
  jq -cn --arg t "$type" --argjson a "$amd64" --argjson b "$arm64" '{schemaVersion: 2, mediaType: $t, manifests: [$a, $b]}' > "$index"
  digest=sha256:$(sha256sum < "$index" | cut -d' ' -f1)
  local outcome="up to date in the registry"
  if [[ $(manifest_digest dotnet/aspnet "$tag") != "$digest" ]]; then
    curl -fsS -X PUT -H "Content-Type: $type" --data-binary "@$index" \
      "http://$REGISTRY_ADDR/v2/dotnet/aspnet/manifests/$tag" >> "$LOG" 2>&1
    [[ $(manifest_digest dotnet/aspnet "$tag") == "$digest" ]] || fail "the registry did not store the index as $digest"
    outcome="pushed $REGISTRY/dotnet/aspnet@$digest"
  fi
  rm -f "$index"
  set_env "MULTI_RUNTIME_IMAGE=$REGISTRY/dotnet/aspnet@$digest" "MULTI_RUNTIME_IMAGE_TAG=$REGISTRY/dotnet/aspnet:$tag"
  echo "$outcome"
}

# check_arm64_elf IMAGE: the muxer, hostfxr, coreclr and bash in IMAGE are AArch64 ELF files
# (read from a created, never started, container: no arm64 code runs)
check_arm64_elf() {
  local image=$1 tmp=$CACHE_DIR/elf-check cid f
  rm -rf "$tmp"; mkdir -p "$tmp"
  cid=$($DOCKER create --pull=missing --platform linux/arm64 "$image" true)
  for f in /usr/share/dotnet/dotnet "/usr/share/dotnet/host/fxr/$ARM64_NETCORE_VERSION/libhostfxr.so" \
           "/usr/share/dotnet/shared/Microsoft.NETCore.App/$ARM64_NETCORE_VERSION/libcoreclr.so" /usr/bin/bash; do
    $DOCKER cp -L "$cid:$f" "$tmp/probe" >> "$LOG" 2>&1 && [[ $(elf_machine "$tmp/probe") == 183 ]] \
      || { $DOCKER rm "$cid" > /dev/null; fail "$f in $image is not AArch64"; }
    rm -f "$tmp/probe"
  done
  $DOCKER rm "$cid" > /dev/null; rm -rf "$tmp"
}

smoke_test_arm64() {
  local arm64 multi index out= reason state
  arm64=$(env_value ARM64_RUNTIME_IMAGE) multi=$(env_value MULTI_RUNTIME_IMAGE)
  index=$(curl -fsS -H "Accept: $MANIFEST_TYPES" "http://$REGISTRY_ADDR/v2/dotnet/aspnet/manifests/${multi#*@}")
  [[ $(jq -r '[.manifests[] | "\(.platform.os)/\(.platform.architecture)=\(.digest)"] | join(" ")' <<< "$index") \
     == "linux/amd64=$(env_value RUNTIME_IMAGE | sed 's/.*@//') linux/arm64=${arm64#*@}" ]] \
    || fail "the index $multi is not [RUNTIME_IMAGE, ARM64_RUNTIME_IMAGE]: $index"
  state=$(emulation_state)
  if [[ $state == 1 ]] && out=$($DOCKER run --rm --pull=missing --platform linux/arm64 "$multi" dotnet --list-runtimes 2>&1) \
     && grep -q "^Microsoft.AspNetCore.App $ARM64_ASPNET_VERSION " <<< "$out"; then
    set_env ARM64_EMULATION=1; unset_env ARM64_EMULATION_REASON
    echo "the arm64 runtime image runs dotnet under qemu (index checked)"
    return
  fi
  echo "$out" >> "$LOG" 2>/dev/null || true
  if [[ $state == 1 ]]; then reason="docker run --platform linux/arm64 failed: $(tail -n1 <<< "${out:-no output}")"
  else reason=${state#0 }; fi
  # No arm64 code can run here: check the image's native files are AArch64 instead.
  check_arm64_elf "$arm64"
  set_env ARM64_EMULATION=0 "ARM64_EMULATION_REASON=$(env_token "$reason")"
  echo "no arm64 emulation ($reason); its native files are AArch64 (index checked)"
}

# ------------------------------------------------------------------ main
phase "packages" install_packages
phase "dockerd (containerd image store)" start_dockerd
phase "registry on $REGISTRY_ADDR" start_registry
phase "Debian $SUITE minbase root fs" make_rootfs
phase "base images" make_base_images
phase "smoke test" smoke_test
phase "arm64 emulation (qemu binfmt)" setup_emulation
phase "Debian $SUITE arm64 root fs" make_arm64_rootfs
phase "arm64 runtime image" make_arm64_runtime
phase "multi-platform runtime index" make_multi_index
phase "arm64 smoke test" smoke_test_arm64

echo
echo "==================== container-env ready ($(since "$STARTED")s) ===================="
printf '  %s\n' "${SUMMARY[@]}"
echo "  docker   : $($DOCKER version -f 'client {{.Client.Version}} / server {{.Server.Version}}'), buildx $($DOCKER buildx version | awk '{print $2}')"
echo "  registry : http://$REGISTRY_ADDR (storage $STATE_DIR/registry)"
echo "  env file : $ENV_FILE"
sed 's/^/             /' "$ENV_FILE"
echo "  use      : set -a; . $ENV_FILE; set +a"
