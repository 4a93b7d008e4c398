#!/usr/bin/env bash
# Benchmark: the world model's SFT training step (forward + backward + the training loop's AdamW, batch 64, 32 text tokens + 9 image
# tokens, FP32, CPU) in Java/DJL: tokens/s, model FLOP/s and model-FLOP utilisation against a 1024³ matmul timed by
# the same engine in the same run, and the same step in PyTorch-Python (vapr-train/src/test/python/parity.py --bench,
# Debian's /usr/bin/python3 + python3-torch) as a ratio. Prints one JSON object.
#
# usage: bench/train-step.sh                  (THREADS=2 BATCH=64 TEXT=32 STEPS=100 after 30 warm-up steps; PYTHON=none skips Python;
#                                              PROFILE=FILE writes PyTorch's profiler trace of the timed steps, Chrome format)
# The process runs with the launcher's libtorch settings (etc/native-env.sh: OpenMP wait policy and spin count, glibc
# heap thresholds) unless given; the JSON records them.
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
cd "$root"
threads="${THREADS:-2}"
. "$root/etc/native-env.sh"
export JAVA_HOME="${JAVA_HOME:-$(ls -d /usr/lib/jvm/*25* /usr/lib/jvm/*21* 2>/dev/null | head -1)}"
mvn -B -q -o install -DskipTests -pl vapr-core,vapr-train -am >/dev/null
mvn -B -q -o test-compile -pl vapr-train >/dev/null
cp_file="$(mktemp)"
mvn -B -q -o dependency:build-classpath -pl vapr-train -Dmdep.includeScope=test -Dmdep.outputFile="$cp_file" >/dev/null
cd vapr-train
"$JAVA_HOME/bin/java" -Xms512m -Xmx512m -XX:+AlwaysPreTouch -Dai.djl.offline=true -Dai.djl.pytorch.num_threads="$threads" -Djava.awt.headless=true \
  ${PROFILE:+-Dvapr.bench.profile="$PROFILE"} \
  -cp "target/test-classes:target/classes:$(cat "$cp_file")" org.vapr.train.model.TrainStepBench \
  "${BATCH:-64}" "${TEXT:-32}" "${STEPS:-100}" "${PYTHON:-/usr/bin/python3}" 2> >(grep -v -e SLF4J -e '^WARNING' >&2)
rm -f "$cp_file"
