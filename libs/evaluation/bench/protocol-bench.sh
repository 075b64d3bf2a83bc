#!/usr/bin/env bash
# Runs dev.simclr.evaluation.bench.ProtocolBench from the repository root with a plain `java -cp`.
# Usage: libs/evaluation/bench/protocol-bench.sh [--features raw|random] [--dim 512] [--anchor FILE.py] ...
# Passive OpenMP waiting and one inter-op thread: see docs/benchmarks.md ("Evaluation protocol").
set -euo pipefail
cd "$(dirname "$0")/../../.."
./mvnw -B -q -pl libs/evaluation -am compile dependency:build-classpath \
  -Dmdep.outputFile=target/bench-classpath.txt -Dmdep.includeScope=test >&2
CP="$(cat libs/evaluation/target/bench-classpath.txt):libs/evaluation/target/classes"
export OMP_WAIT_POLICY="${OMP_WAIT_POLICY:-PASSIVE}"
exec java -Xmx4g -Dai.djl.pytorch.num_interop_threads=1 \
  -Dorg.slf4j.simpleLogger.defaultLogLevel="${LOG_LEVEL:-info}" \
  -cp "$CP" dev.simclr.evaluation.bench.ProtocolBench "$@"
