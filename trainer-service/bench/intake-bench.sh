#!/usr/bin/env bash
# The trainer's data path at GPU rates (issue 14 item 6): 224 px RGB view pairs through an embedded
# KRaft broker into the trainer's real intake (ViewIntake: consume, verify, batch; then the copy into
# one uint8 NDArray as SimClrTrainer.step does; no model step), side by side in one JVM with Kafka's
# own kafka-consumer-perf-test (org.apache.kafka.tools.ConsumerPerformance, in-process) and a plain
# KafkaConsumer loop, on the same topics, for compression none / lz4 / zstd. See docs/benchmarks.md.
#
#   trainer-service/bench/intake-bench.sh                                  # 5120 pairs, 6 partitions, 3 rounds
#   trainer-service/bench/intake-bench.sh --pairs 2560 --partitions 1 --rounds 2 --compressions none
#   trainer-service/bench/intake-bench.sh --noise 12                       # photo-like sensor noise
#   trainer-service/bench/intake-bench.sh --kafka receive.buffer.bytes=65536  # other kafka.* consumer settings
#
# The bench lives in trainer-service's test sources (dev.simclr.trainer.bench, never in the service
# jar); the class path is the module's test class path. JAVA_OPTS adds JVM options.
set -euo pipefail
cd "$(dirname "$0")/../.."
out="$(pwd)/trainer-service/target/bench"
mkdir -p "$out"
./mvnw -B -q -pl trainer-service -am test-compile dependency:build-classpath \
  -Dmdep.outputFile="$out/classpath.txt" -Dmdep.includeScope=test >&2
CP="trainer-service/target/test-classes:trainer-service/target/classes:$(cat "$out/classpath.txt")"
export OMP_WAIT_POLICY="${OMP_WAIT_POLICY:-PASSIVE}"
echo "# $(date -u +%Y-%m-%dT%H:%MZ) $(nproc) cores, $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | xargs), load $(cut -d' ' -f1-3 /proc/loadavg)"
# shellcheck disable=SC2086
# A fixed, pre-touched heap: a heap that is still growing makes the allocating (polling) thread fault
# in fresh pages, and a shrinking one (after the full GC the bench runs between paths) does it again;
# a trainer that has run a while holds its heap (see docs/benchmarks.md, "Trainer intake").
exec java -Xms3g -Xmx3g -XX:+AlwaysPreTouch -Dai.djl.pytorch.num_interop_threads=1 ${JAVA_OPTS:-} \
  -Djava.util.logging.manager=org.jboss.logmanager.LogManager \
  -cp "$CP" dev.simclr.trainer.bench.IntakeBench "$@"
