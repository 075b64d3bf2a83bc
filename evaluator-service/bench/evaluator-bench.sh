#!/usr/bin/env bash
# The evaluator's full per-checkpoint pipeline on Fashion-MNIST (fit 60,000, score 10,000) for a
# random-init checkpoint, side by side with torch's feature-extraction speed on the same model.
# Usage (from anywhere): evaluator-service/bench/evaluator-bench.sh [--width 1.0] [--arch resnet18] ...
# Env: ANCHOR_IMAGES (default 2000) images for the torch anchor, 0 skips it.
# Passive OpenMP waiting and one inter-op thread: see docs/evaluator.md and docs/benchmarks.md.
set -euo pipefail
cd "$(dirname "$0")/../.."
# The packaged service's runtime libraries (lib/boot + lib/main) are exactly its runtime class path.
./mvnw -B -q -pl evaluator-service -am package -DskipTests >&2
CP="evaluator-service/target/classes:evaluator-service/target/quarkus-app/lib/boot/*:evaluator-service/target/quarkus-app/lib/main/*"
export OMP_WAIT_POLICY="${OMP_WAIT_POLICY:-PASSIVE}"
WIDTH=1.0
for ((i = 1; i <= $#; i++)); do
  if [[ "${!i}" == "--width" ]]; then j=$((i + 1)); WIDTH="${!j}"; fi
done
ANCHOR=""
if [[ "${ANCHOR_IMAGES:-2000}" != "0" ]]; then
  echo "torch anchor: feature extraction, width $WIDTH, ${ANCHOR_IMAGES:-2000} images" >&2
  ANCHOR="$(/usr/bin/python3 evaluator-service/bench/torch_features_anchor.py "$WIDTH" "${ANCHOR_IMAGES:-2000}" 256)"
  echo "$ANCHOR"
fi
JAVA_OUT="$(java -Xmx6g -Dai.djl.pytorch.num_interop_threads=1 \
  -Djava.util.logging.manager=org.jboss.logmanager.LogManager \
  -Djava.util.logging.SimpleFormatter.format='%1$tT %4$s %3$s: %5$s%6$s%n' \
  -cp "$CP" dev.simclr.evaluator.bench.EvaluatorBench "$@")"
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
