#!/usr/bin/env bash
# Epoch cache under replay: CacheBench runs a dataset RATIO (4) times the cache budget for EPOCHS (3)
# epochs through the real image pipeline, once per cache (today's LRU, W-TinyLFU keeping decoded
# pixels, encoded bytes, or auto), side by side in one JVM on one core, and prints hit rates, views/s
# and views per CPU-second with their ratio to the LRU. Two cases: Fashion-MNIST 28 px PNGs -> 32 px
# views, and synthetic 500x375 JPEGs -> 224 px RGB views (full policy).
#
#   libs/augment/cache-bench.sh                                  # both cases, 2 rounds, local files
#   FETCH_LATENCY_MS=5 CASES=jpeg libs/augment/cache-bench.sh    # model a remote store: +5 ms per fetch
#
# Env: CASES ("fmnist jpeg"), ROUNDS (2), EPOCHS (3), RATIO (4), FMNIST_CACHE_MIB (4), JPEG_CACHE_MIB (32),
#      FETCH_LATENCY_MS (0), FMNIST_DIR (/usr/share/datasets/fashion-mnist), JAVA (java).
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
root="$(cd "$here/../.." && pwd)"
CASES="${CASES:-fmnist jpeg}"
ROUNDS="${ROUNDS:-2}"
EPOCHS="${EPOCHS:-3}"
RATIO="${RATIO:-4}"
FMNIST_CACHE_MIB="${FMNIST_CACHE_MIB:-4}"
JPEG_CACHE_MIB="${JPEG_CACHE_MIB:-32}"
FETCH_LATENCY_MS="${FETCH_LATENCY_MS:-0}"
FMNIST_DIR="${FMNIST_DIR:-/usr/share/datasets/fashion-mnist}"
JAVA="${JAVA:-java}"
out="$here/target/bench"
mkdir -p "$out"

echo "== building libs/augment"
(cd "$root" && ./mvnw -B -q -pl libs/augment -am package -DskipTests \
    dependency:build-classpath -Dmdep.outputFile="$out/classpath.txt" -Dmdep.includeScope=runtime)
cp="$here/target/classes:$(cat "$out/classpath.txt")"

echo "== machine: $(nproc) cores, $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | xargs), load: $(cut -d' ' -f1-3 /proc/loadavg)"
for c in $CASES; do
    case "$c" in
        fmnist) mib="$FMNIST_CACHE_MIB" ;;
        jpeg) mib="$JPEG_CACHE_MIB" ;;
        *) echo "error: unknown case '$c' (fmnist, jpeg)" >&2; exit 2 ;;
    esac
    echo "== case $c (load before: $(cut -d' ' -f1-3 /proc/loadavg))"
    "$JAVA" -XX:ActiveProcessorCount=1 -Xms512m -Xmx2g -cp "$cp" dev.simclr.augment.bench.CacheBench \
        --case "$c" --fmnist "$FMNIST_DIR" --cache-mib "$mib" --ratio "$RATIO" --epochs "$EPOCHS" \
        --fetch-latency-ms "$FETCH_LATENCY_MS" --rounds "$ROUNDS" | tee "$out/cache-$c.txt" | grep -v '^{'
    echo "== case $c done (load after: $(cut -d' ' -f1-3 /proc/loadavg)); JSON lines in $out/cache-$c.txt"
done
