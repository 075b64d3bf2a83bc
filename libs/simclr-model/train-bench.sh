#!/usr/bin/env bash
# End-to-end training bench (no Kafka): Fashion-MNIST -> in-process SimCLR views -> DJL steps,
# optionally the evaluation protocol; then (with --anchor) the PyTorch step anchor on the same
# model and batch, and the ratio.
#
#   libs/simclr-model/train-bench.sh [--no-native-jar] [--anchor] [TrainBench options]
#   libs/simclr-model/train-bench.sh --width 0.25 --batch 128 --steps 40 --optimizer sgd --lr 0.1 --anchor
#   PYTORCH_LIBRARY_PATH=/opt/libtorch/lib libs/simclr-model/train-bench.sh --no-native-jar --steps 5
#
# Class path: `dependency:build-classpath -DincludeScope=runtime` of libs/simclr-model (+ the
# module's classes and slf4j-simple for logs). Its size is printed and must stay < 30 MB; the CPU
# natives (ai.djl.pytorch:pytorch-native-cpu, ~110 MB) are appended unless --no-native-jar.
# How DJL picks libtorch: if PYTORCH_LIBRARY_PATH (or java.library.path) holds a libtorch.so, it
# is loaded from there, with version PYTORCH_VERSION (default: the engine's, 2.7.1) and JNI flavour
# PYTORCH_FLAVOR (cpu, cu128; this script defaults it to cpu), and the JNI glue comes from the
# pytorch-jni jar (2.7.1 cpu/cu128 only; other versions would be downloaded from publish.djl.ai);
# otherwise the natives are extracted from the pytorch-native-cpu jar into ~/.djl.ai (DJL_CACHE_DIR /
# ENGINE_CACHE_DIR move it). --no-native-jar without PYTORCH_LIBRARY_PATH is refused.
#
# Environment: OMP_WAIT_POLICY=PASSIVE (idle OpenMP threads sleep; spinning threads made DJL up to
# 17x slower when several processes share the cores), -Dai.djl.pytorch.num_interop_threads=1.
# JAVA_OPTS adds JVM options; PYTHON picks the anchor interpreter (default /usr/bin/python3);
# SIMCLR_ANCHORS the anchors folder (default ../shared/anchors relative to the repository root).
set -euo pipefail
cd "$(dirname "$0")"
MODULE_DIR=$(pwd)
ROOT=$(cd ../.. && pwd)
ANCHORS=${SIMCLR_ANCHORS:-"$ROOT/../shared/anchors"}
PYTHON=${PYTHON:-/usr/bin/python3}
NATIVE_JAR=1
ANCHOR=0
ARGS=()
for a in "$@"; do
  case "$a" in
    --no-native-jar) NATIVE_JAR=0 ;;
    --anchor) ANCHOR=1 ;;
    *) ARGS+=("$a") ;;
  esac
done
if [[ $NATIVE_JAR == 0 && -z "${PYTORCH_LIBRARY_PATH:-}" ]]; then
  echo "train-bench.sh: --no-native-jar needs PYTORCH_LIBRARY_PATH (a directory holding libtorch.so)" >&2
  exit 2
fi

(cd "$ROOT" && ./mvnw -B -q -pl libs/simclr-model -am compile dependency:build-classpath \
    -DincludeScope=runtime -Dmdep.outputFile=target/runtime.classpath >&2 \
  && ./mvnw -B -q -pl libs/simclr-model -am compile dependency:build-classpath \
    -DincludeScope=test -Dmdep.outputFile=target/test.classpath >&2)
RUNTIME_CP=$(cat target/runtime.classpath)
TEST_CP=$(cat target/test.classpath)
SLF4J_SIMPLE=$(tr ':' '\n' <<<"$TEST_CP" | grep '/slf4j-simple-' | head -1)
NATIVE=$(tr ':' '\n' <<<"$TEST_CP" | grep '/pytorch-native-cpu-' | head -1)
CP="$MODULE_DIR/target/classes:$RUNTIME_CP:$SLF4J_SIMPLE"

BYTES=$(tr ':' '\n' <<<"$CP" | grep -v '/pytorch-native-' | xargs du -sbL | awk '{s += $1} END {print s}')
awk -v b="$BYTES" 'BEGIN { printf "train-bench.sh: runtime class path without pytorch-native-cpu: %.1f MB (limit 30 MB)\n", b / 1e6 }' >&2
if (( BYTES >= 30000000 )); then
  echo "train-bench.sh: the runtime class path grew past 30 MB; see 'dependency:tree -Dscope=runtime'" >&2
  exit 1
fi
if [[ $NATIVE_JAR == 1 ]]; then
  CP="$CP:$NATIVE"
else
  export PYTORCH_FLAVOR=${PYTORCH_FLAVOR:-cpu}
  echo "train-bench.sh: no native jar; libtorch from PYTORCH_LIBRARY_PATH=$PYTORCH_LIBRARY_PATH (flavor $PYTORCH_FLAVOR)" >&2
fi

export OMP_WAIT_POLICY=${OMP_WAIT_POLICY:-PASSIVE}
echo "# $(date -u +%Y-%m-%dT%H:%MZ) $(nproc) cores, load $(cut -d' ' -f1-3 /proc/loadavg)" >&2
OUT=$(mktemp)
trap 'rm -f "$OUT"' EXIT
# shellcheck disable=SC2086
java -Xmx4g ${JAVA_OPTS:-} -Dai.djl.pytorch.num_interop_threads=1 -Dorg.slf4j.simpleLogger.logFile=System.err \
    -cp "$CP" dev.simclr.model.bench.TrainBench "${ARGS[@]}" | tee "$OUT"
[[ $ANCHOR == 1 ]] || exit 0

# Anchor: PyTorch on the same model and batch (synthetic input, step only).
opt() { local key=$1 def=$2 i; for ((i = 0; i < ${#ARGS[@]}; i++)); do
  [[ "${ARGS[$i]}" == "$key" ]] && { echo "${ARGS[$((i + 1))]}"; return; }; done; echo "$def"; }
WIDTH=$(opt --width 1.0); BATCH=$(opt --batch 128); STEPS=$(opt --steps 10)
(( STEPS > 10 )) && STEPS=10
VIEWS=$((2 * BATCH))
if [[ "$WIDTH" == "1" || "$WIDTH" == "1.0" ]] && [[ -f "$ANCHORS/torch_cpu_train_bench.py" ]]; then
  LINE=$("$PYTHON" "$ANCHORS/torch_cpu_train_bench.py" "$VIEWS" "$STEPS")
  TORCH=$(grep -o '[0-9.]* views/s$' <<<"$LINE" | cut -d' ' -f1)
else
  LINE=$(BENCH_THREADS=$(opt --threads "$(nproc)") "$PYTHON" "$MODULE_DIR/bench/torch_step_bench.py" "$WIDTH" "$VIEWS" "$STEPS")
  TORCH=$(grep -o '"viewsPerSec": [0-9.]*' <<<"$LINE" | cut -d' ' -f2)
fi
echo "$LINE"
DJL=$(tail -1 "$OUT" | grep -o '"viewsPerSecAfterFirstStep":[0-9.]*' | cut -d: -f2)
awk -v d="$DJL" -v t="$TORCH" -v l="$(cut -d' ' -f1 /proc/loadavg)" 'BEGIN {
  printf "{\"djlEndToEndViewsPerSec\":%.1f,\"torchStepViewsPerSec\":%.1f,\"ratio\":%.2f,\"loadAverage1m\":%s}\n", d, t, d / t, l }'
