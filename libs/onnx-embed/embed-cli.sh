#!/usr/bin/env bash
# Embeds image files with an exported encoder.onnx through ONNX Runtime (no DJL), e.g.
#   libs/onnx-embed/embed-cli.sh --model encoder.onnx --format jsonl shoe.png bag.jpg
# Builds the module, then runs dev.simclr.onnx.EmbedCli with a plain `java -cp`; see docs/evaluator.md.
set -euo pipefail
ROOT="$(cd "$(dirname "$0")/../.." && pwd)"
(cd "$ROOT" && ./mvnw -B -q -pl libs/onnx-embed -am compile dependency:build-classpath \
  -Dmdep.outputFile=target/embed-classpath.txt -Dmdep.includeScope=runtime >&2)
CP="$ROOT/libs/onnx-embed/target/classes:$(cat "$ROOT/libs/onnx-embed/target/embed-classpath.txt")"
exec java -cp "$CP" dev.simclr.onnx.EmbedCli "$@"
