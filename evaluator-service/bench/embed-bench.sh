#!/usr/bin/env bash
# Embedding speed of one encoder, side by side in one JVM on the same Fashion-MNIST images: the
# evaluator's DJL feature extraction, the exported encoder.onnx on ONNX Runtime, and the whole
# `simclr embed` path (PNG files -> decode -> ONNX Runtime -> JSON lines). See docs/benchmarks.md.
# Usage (from anywhere): evaluator-service/bench/embed-bench.sh [--width 0.25] [--images 10000] [--threads 0] ...
set -euo pipefail
cd "$(dirname "$0")/../.."
./mvnw -B -q -pl evaluator-service -am package -DskipTests >&2
CP="evaluator-service/target/classes:evaluator-service/target/quarkus-app/lib/boot/*:evaluator-service/target/quarkus-app/lib/main/*"
export OMP_WAIT_POLICY="${OMP_WAIT_POLICY:-PASSIVE}"
echo "# $(date -u +%Y-%m-%dT%H:%MZ) $(nproc) cores, load $(cut -d' ' -f1-3 /proc/loadavg)" >&2
exec java -Xmx4g -Dai.djl.pytorch.num_interop_threads=1 \
  -Djava.util.logging.manager=org.jboss.logmanager.LogManager \
  -cp "$CP" dev.simclr.evaluator.bench.EmbedBench "$@"
