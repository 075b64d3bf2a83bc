#!/usr/bin/env bash
# Builds the local base image of the service images from Debian's packages only (no registry):
# debootstrap --variant=minbase bookworm, then openjdk-17-jre-headless, curl (health checks) and
# ca-certificates, imported with `docker import`. Where a registry is reachable the Dockerfiles'
# default base (eclipse-temurin:17-jre-noble) is used instead; CI builds on this one:
#   docker build --build-arg BASE_IMAGE=simclr/debian-jre:17-bookworm ...
#
# Usage (root: debootstrap and chroot need it): deploy/images/debian-jre-base.sh [IMAGE]
# The image is cached: when IMAGE already exists with the same recipe (label simclr.recipe, the
# sha256 of this script) nothing is rebuilt. MIRROR overrides the Debian mirror.
set -euo pipefail
IMAGE="${1:-simclr/debian-jre:17-bookworm}"
MIRROR="${MIRROR:-http://deb.debian.org/debian}"
PACKAGES="openjdk-17-jre-headless ca-certificates curl"
RECIPE="$(sha256sum "$0" | cut -c1-16)"

if ! docker info >/dev/null 2>&1; then
  echo "debian-jre-base: no Docker engine answers (start dockerd first; see .ci/run)" >&2
  exit 1
fi
if [[ "$(docker image inspect -f '{{ index .Config.Labels "simclr.recipe" }}' "$IMAGE" 2>/dev/null || true)" == "$RECIPE" ]]; then
  echo "debian-jre-base: $IMAGE is up to date (recipe $RECIPE)" >&2
  exit 0
fi
command -v debootstrap >/dev/null || { echo "debian-jre-base: debootstrap is missing (apt-get install debootstrap)" >&2; exit 1; }

ROOTFS="$(mktemp -d "${TMPDIR:-/tmp}/simclr-rootfs.XXXXXX")"
cleanup() {
  for m in proc sys dev/pts dev; do umount -l "$ROOTFS/$m" 2>/dev/null || true; done
  rm -rf "$ROOTFS"
}
trap cleanup EXIT

started=$(date +%s)
echo "debian-jre-base: debootstrap bookworm into $ROOTFS ($MIRROR)" >&2
debootstrap --variant=minbase bookworm "$ROOTFS" "$MIRROR" >&2
mount -t proc proc "$ROOTFS/proc"
echo "debian-jre-base: installing $PACKAGES" >&2
# No service starts inside the chroot; no recommended packages; no documentation.
chroot "$ROOTFS" /bin/sh -c "printf '#!/bin/sh\nexit 101\n' > /usr/sbin/policy-rc.d && chmod +x /usr/sbin/policy-rc.d \
  && printf 'path-exclude=/usr/share/doc/*\npath-exclude=/usr/share/man/*\npath-exclude=/usr/share/locale/*\n' \
     > /etc/dpkg/dpkg.cfg.d/01-nodoc \
  && apt-get update -q && DEBIAN_FRONTEND=noninteractive apt-get install -y -q --no-install-recommends $PACKAGES \
  && apt-get clean && rm -rf /var/lib/apt/lists/* /var/cache/apt/* /var/log/* /usr/sbin/policy-rc.d" >&2
umount -l "$ROOTFS/proc"
JAVA_HOME_DIR="$(cd "$ROOTFS" && ls -d usr/lib/jvm/java-17-openjdk-* | head -1)"
tar -C "$ROOTFS" -c . | docker import \
  --change "ENV JAVA_HOME=/$JAVA_HOME_DIR" \
  --change "ENV LANG=C.UTF-8" \
  --change "LABEL simclr.recipe=$RECIPE" \
  --change "LABEL org.opencontainers.image.description=\"Debian bookworm minbase + $PACKAGES (deploy/images/debian-jre-base.sh)\"" \
  --change 'CMD ["java", "-version"]' \
  - "$IMAGE" >&2
echo "debian-jre-base: built $IMAGE in $(( $(date +%s) - started )) s: $(docker image inspect -f '{{ .Size }}' "$IMAGE" | awk '{ printf "%.0f MB", $1 / 1e6 }')" >&2
