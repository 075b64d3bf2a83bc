#!/usr/bin/env bash
# Preview the SimCLR augmentation policy: writes a PNG grid of view pairs for each input image.
#
#   libs/augment/preview.sh --out grid.png --pairs 4 --size 96 photo.jpg file:///data/x.png s3://bucket/key.png
#
# Inputs: file paths, file:// URIs (under --root, default: the current directory) and s3:// URIs (these need
# SIMCLR_S3_ENDPOINT, SIMCLR_S3_ACCESS_KEY, SIMCLR_S3_SECRET_KEY and optionally SIMCLR_S3_REGION).
# Every other option: libs/augment/preview.sh --help. Env: JAVA (java).
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
root="$(cd "$here/../.." && pwd)"
JAVA="${JAVA:-java}"
out="$here/target/preview"
mkdir -p "$out"
if [ ! -f "$out/classpath.txt" ] || [ -n "$(find "$here/src/main" "$here/pom.xml" -newer "$out/classpath.txt" -print -quit)" ]; then
    echo "== building libs/augment (first run or sources changed)" >&2
    (cd "$root" && ./mvnw -B -q -pl libs/augment -am package -DskipTests \
        dependency:build-classpath -Dmdep.outputFile="$out/classpath.txt" -Dmdep.includeScope=test) >&2
fi
exec "$JAVA" -Xmx1g -cp "$here/target/classes:$(cat "$out/classpath.txt")" dev.simclr.augment.cli.PreviewCli "$@"
