#!/usr/bin/env bash
# Augmentation throughput: our AugmentBench (`./simclr bench augment`) against the torchvision
# anchor, single core each, interleaved ROUNDS times (the machine is shared), then the median of
# each and the ratios.
#
#   bench/compare/augment.sh                       # 3 rounds x 10 s per case
#   ROUNDS=5 SECONDS_PER_CASE=20 bench/compare/augment.sh
#
# Env: ROUNDS (3), SECONDS_PER_CASE (10), FMNIST_DIR (/usr/share/datasets/fashion-mnist),
#      ANCHOR (torchvision_augment_bench.py in SIMCLR_ANCHORS, default ../shared/anchors relative to
#      the repository root), PYTHON (/usr/bin/python3), JAVA_HOME.
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
root="$(cd "$here/../.." && pwd)"
ROUNDS="${ROUNDS:-3}"
SECS="${SECONDS_PER_CASE:-10}"
FMNIST_DIR="${FMNIST_DIR:-/usr/share/datasets/fashion-mnist}"
ANCHORS="${SIMCLR_ANCHORS:-$root/../shared/anchors}"
ANCHOR="${ANCHOR:-$ANCHORS/torchvision_augment_bench.py}"
PYTHON="${PYTHON:-/usr/bin/python3}"
out="$root/bench/target/compare"
mkdir -p "$out"
: > "$out/java.txt"
: > "$out/anchor.txt"

[ -f "$ANCHOR" ] || { echo "error: anchor not found: $ANCHOR" >&2; exit 2; }
[ -d "$FMNIST_DIR" ] || { echo "error: Fashion-MNIST directory not found: $FMNIST_DIR" >&2; exit 2; }

"$root/simclr" bench --help >/dev/null   # builds the bench module if needed, before anything is timed
echo "== machine: $(nproc) cores, $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | xargs), load: $(cut -d' ' -f1-3 /proc/loadavg)"
for r in $(seq 1 "$ROUNDS"); do
    echo "== round $r/$ROUNDS (load $(cut -d' ' -f1-3 /proc/loadavg))"
    "$root/simclr" bench augment --fmnist "$FMNIST_DIR" --seconds "$SECS" --warmup 3 | tee -a "$out/java.txt"
    "$PYTHON" "$ANCHOR" "$FMNIST_DIR" "$SECS" | tee -a "$out/anchor.txt"
done

"$PYTHON" - "$out/java.txt" "$out/anchor.txt" <<'PY'
import json, re, statistics, sys
java = {"fmnist32": [], "jpeg224": []}
for line in open(sys.argv[1]):
    if line.startswith("{"):
        d = json.loads(line)
        java[d["case"]].append(d["views_per_s"])
anchor = {"fmnist32": [], "jpeg224": []}
for line in open(sys.argv[2]):
    m = re.search(r"torchvision (small|large).*?: (\d+) views/s/core", line)
    if m:
        anchor["fmnist32" if m.group(1) == "small" else "jpeg224"].append(float(m.group(2)))
targets = {"fmnist32": 3.0, "jpeg224": 2.0}
labels = {"fmnist32": "(a) Fashion-MNIST 28 px grey -> 32 px views", "jpeg224": "(b) 500x375 JPEG -> 224 px RGB views, full policy"}
print("== summary (median of rounds, views/s on one core)")
ok = True
for case in ("fmnist32", "jpeg224"):
    j, a = statistics.median(java[case]), statistics.median(anchor[case])
    ratio = j / a
    ok &= ratio >= targets[case]
    print(f"{labels[case]}: java {j:.0f} (rounds {', '.join(f'{v:.0f}' for v in java[case])}), "
          f"torchvision {a:.0f} (rounds {', '.join(f'{v:.0f}' for v in anchor[case])}), "
          f"ratio {ratio:.1f}x (target >= {targets[case]:.0f}x) {'OK' if ratio >= targets[case] else 'BELOW TARGET'}")
sys.exit(0 if ok else 1)
PY
