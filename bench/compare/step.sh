#!/usr/bin/env bash
# Training-step throughput, DJL vs PyTorch on the same model and batch, run back to back.
#
#   bench/compare/step.sh            # widths 1.0 and 0.25, 256 views/step, 5 timed steps, 2 rounds
#   WIDTHS="0.25" STEPS=10 ROUNDS=1 bench/compare/step.sh
#   THREADS=1 bench/compare/step.sh  # one intra-op thread on both sides: robust on a shared machine
#
# DJL: `./simclr bench step` (dev.simclr.model.bench.StepBench; one inter-op thread, intra-op
# threads = THREADS, default all cores). PyTorch: torch_cpu_train_bench.py of the anchors folder
# (SIMCLR_ANCHORS, default ../shared/anchors relative to the repository root) at width 1.0 with all
# cores, else bench/python/torch_step_bench.py (same step, width multiplier, BENCH_THREADS=THREADS).
# Prints one line per run and a ratio (DJL / PyTorch views/s) per width and round, with the load
# average around each pair so a busy machine shows.
set -euo pipefail
cd "$(dirname "$0")"
ROOT=$(cd ../.. && pwd)
ANCHORS=${SIMCLR_ANCHORS:-"$ROOT/../shared/anchors"}
PYTHON=${PYTHON:-/usr/bin/python3}
WIDTHS=${WIDTHS:-"1.0 0.25"}
VIEWS=${VIEWS:-256}
STEPS=${STEPS:-5}
ROUNDS=${ROUNDS:-2}
CORES=$(nproc)
THREADS=${THREADS:-$CORES}

load() { cut -d' ' -f1 /proc/loadavg; }
"$ROOT/simclr" bench --help >/dev/null   # builds the bench module if needed, before anything is timed

echo "# $(date -u +%Y-%m-%dT%H:%MZ) $CORES cores, $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | xargs), intra-op threads $THREADS"
for round in $(seq 1 "$ROUNDS"); do
  for width in $WIDTHS; do
    before=$(load)
    djl_json=$(JAVA_OPTS="${JAVA_OPTS:-} -Dai.djl.pytorch.num_threads=$THREADS" "$ROOT/simclr" bench step \
        --width "$width" --views "$VIEWS" --steps "$STEPS" 2>/dev/null)
    echo "$djl_json"
    djl=$(grep -o '"viewsPerSec":[0-9.]*' <<<"$djl_json" | cut -d: -f2)
    if [[ "$width" == "1.0" || "$width" == "1" ]] && [[ "$THREADS" == "$CORES" ]] \
        && [[ -f "$ANCHORS/torch_cpu_train_bench.py" ]]; then
      torch_line=$("$PYTHON" "$ANCHORS/torch_cpu_train_bench.py" "$VIEWS" "$STEPS")
      torch=$(grep -o '[0-9.]* views/s$' <<<"$torch_line" | cut -d' ' -f1)
    else
      torch_line=$(BENCH_THREADS="$THREADS" "$PYTHON" "$ROOT/bench/python/torch_step_bench.py" "$width" "$VIEWS" "$STEPS")
      torch=$(grep -o '"viewsPerSec": [0-9.]*' <<<"$torch_line" | cut -d' ' -f2)
    fi
    echo "$torch_line"
    after=$(load)
    awk -v w="$width" -v r="$round" -v d="$djl" -v t="$torch" -v b="$before" -v a="$after" 'BEGIN {
      printf "round %s width %s: djl %.1f views/s, torch %.1f views/s, ratio %.2f (load avg %s -> %s)\n", r, w, d, t, d / t, b, a }'
  done
done
