#!/usr/bin/env bash
# End-to-end training bench (`./simclr bench train`, no Kafka) followed by the PyTorch step anchor on
# the same model and batch, and the ratio DJL end-to-end / torch step.
#
#   bench/compare/train.sh [TrainBench options]        (any option of ./simclr bench train, e.g. --no-native-jar)
#   bench/compare/train.sh --width 0.25 --batch 128 --steps 40 --optimizer sgd --lr 0.1
#
# The anchor at width 1.0 is torch_cpu_train_bench.py of the anchors folder (SIMCLR_ANCHORS, default
# ../shared/anchors relative to the repository root), else bench/python/torch_step_bench.py (width
# multiplier, BENCH_THREADS = --threads or all cores). PYTHON picks the interpreter (/usr/bin/python3).
set -euo pipefail
cd "$(dirname "$0")"
ROOT=$(cd ../.. && pwd)
ANCHORS=${SIMCLR_ANCHORS:-"$ROOT/../shared/anchors"}
PYTHON=${PYTHON:-/usr/bin/python3}
ARGS=("$@")

"$ROOT/simclr" bench --help >/dev/null   # builds the bench module if needed, before anything is timed
echo "# $(date -u +%Y-%m-%dT%H:%MZ) $(nproc) cores, load $(cut -d' ' -f1-3 /proc/loadavg)" >&2
OUT=$(mktemp)
trap 'rm -f "$OUT"' EXIT
"$ROOT/simclr" bench train "${ARGS[@]}" | tee "$OUT"

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
  LINE=$(BENCH_THREADS=$(opt --threads "$(nproc)") "$PYTHON" "$ROOT/bench/python/torch_step_bench.py" "$WIDTH" "$VIEWS" "$STEPS")
  TORCH=$(grep -o '"viewsPerSec": [0-9.]*' <<<"$LINE" | cut -d' ' -f2)
fi
echo "$LINE"
DJL=$(tail -1 "$OUT" | grep -o '"viewsPerSecAfterFirstStep":[0-9.]*' | cut -d: -f2)
awk -v d="$DJL" -v t="$TORCH" -v l="$(cut -d' ' -f1 /proc/loadavg)" 'BEGIN {
  printf "{\"djlEndToEndViewsPerSec\":%.1f,\"torchStepViewsPerSec\":%.1f,\"ratio\":%.2f,\"loadAverage1m\":%s}\n", d, t, d / t, l }'
