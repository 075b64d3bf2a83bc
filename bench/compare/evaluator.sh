#!/usr/bin/env bash
# The evaluator's full per-checkpoint pipeline on Fashion-MNIST (fit 60,000, score 10,000) for a
# random-init checkpoint (`./simclr bench evaluator`), side by side with torch's feature-extraction
# speed on the same model (bench/python/torch_features_anchor.py).
# Usage (from anywhere): bench/compare/evaluator.sh [--width 1.0] [--arch resnet18] ...
# Env: ANCHOR_IMAGES (default 2000) images for the torch anchor, 0 skips it.
# Passive OpenMP waiting and one inter-op thread: see docs/evaluator.md and docs/benchmarks.md.
set -euo pipefail
cd "$(dirname "$0")/../.."
./simclr bench --help >/dev/null   # builds the bench module if needed, before anything is timed
WIDTH=1.0
for ((i = 1; i <= $#; i++)); do
  if [[ "${!i}" == "--width" ]]; then j=$((i + 1)); WIDTH="${!j}"; fi
done
ANCHOR=""
if [[ "${ANCHOR_IMAGES:-2000}" != "0" ]]; then
  echo "torch anchor: feature extraction, width $WIDTH, ${ANCHOR_IMAGES:-2000} images" >&2
  ANCHOR="$(/usr/bin/python3 bench/python/torch_features_anchor.py "$WIDTH" "${ANCHOR_IMAGES:-2000}" 256)"
  echo "$ANCHOR"
fi
JAVA_OUT="$(./simclr bench evaluator "$@")"
echo "$JAVA_OUT"
if [[ -n "$ANCHOR" ]]; then
  /usr/bin/python3 - "$ANCHOR" "$JAVA_OUT" <<'PY'
import json, sys
a, j = json.loads(sys.argv[1]), json.loads(sys.argv[2])
print(json.dumps({"featuresImagesPerSecondJava": j["featuresImagesPerSecond"],
                  "featuresImagesPerSecondTorch": a["imagesPerSecond"],
                  "ratioJavaOverTorch": round(j["featuresImagesPerSecond"] / a["imagesPerSecond"], 2),
                  "probePlusKnnMs": j["probePlusKnnMs"], "withinTarget": j["probePlusKnnMs"] <= 60000}))
PY
fi
