#!/usr/bin/env bash
# How much batch composition repeats between epochs, with and without the trainer's shuffle buffer
# (docs/trainer.md, "How much batches change between epochs"). No model, no broker: the real
# PairBatcher and ShuffleBuffer fed with a simulated intake order.
#
#   trainer-service/shuffle-bench.sh                                  # Fashion-MNIST sized: 60000 images, B 128, 4 partitions
#   trainer-service/shuffle-bench.sh --batch 256 --buffers 0,4096
#
# Arguments go to dev.simclr.trainer.input.BatchOverlapBench (--images, --batch, --partitions,
# --epochs, --fetch, --buffers, --seed).
set -euo pipefail
cd "$(dirname "$0")"
MODULE_DIR=$(pwd)
ROOT=$(cd .. && pwd)
(cd "$ROOT" && ./mvnw -B -q -pl trainer-service -am test-compile -Dmaven.test.skip.exec=true \
    dependency:build-classpath -Dmdep.includeScope=test -Dmdep.outputFile="$MODULE_DIR/target/bench.classpath" \
    -Dquarkus.build.skip=true)
CP="$MODULE_DIR/target/test-classes:$MODULE_DIR/target/classes:$(cat "$MODULE_DIR/target/bench.classpath")"
exec java -Xmx1g -cp "$CP" dev.simclr.trainer.input.BatchOverlapBench --images 60000 --batch 128 --partitions 4 \
    --epochs 3 "$@"
