#!/usr/bin/env bash
# In-process evaluation throughput: the demo's SFT model answers the demo's POPE benchmark (three splits, batched
# greedy decoding with the KV cache) through `vapr eval run`, REPEAT times; prints questions/s per run as the
# manifest records it (answering only: model load and scoring excluded), and the wall time of each run.
# Needs a demo directory (./vapr demo --out DIR). Usage: bench/eval-throughput.sh [DEMO_DIR] [REPEAT] [BATCH]
set -euo pipefail
cd "$(dirname "$0")/.."
demo=${1:-vapr-demo}
repeat=${2:-3}
batch=${3:-64}
[ -d "$demo/models/sft" ] && [ -d "$demo/benchmarks/pope" ] || { echo "no demo in $demo: run ./vapr demo --out $demo first" >&2; exit 2; }
out=$(mktemp -d)
trap 'rm -rf "$out"' EXIT
for i in $(seq 1 "$repeat"); do
  start=$(date +%s.%N)
  ./vapr eval run --benchmark pope --data "$demo"/benchmarks/pope/pope_random.jsonl \
    --data "$demo"/benchmarks/pope/pope_popular.jsonl --data "$demo"/benchmarks/pope/pope_adversarial.jsonl \
    --model "$demo/models/sft" --batch-size "$batch" --bootstrap 0 --threads 2 --out "$out/run$i" > /dev/null
  end=$(date +%s.%N)
  /usr/bin/python3 - "$out/run$i/manifest.json" "$start" "$end" "$i" <<'PY'
import json, sys
m = json.load(open(sys.argv[1]))
t = m["throughput"]
print(f"run {sys.argv[4]}: {m['counts']['answered']} questions, {t['questions_per_second']:.0f} questions/s "
      f"(answering {t['answer_seconds']:.2f} s; wall {float(sys.argv[3]) - float(sys.argv[2]):.1f} s with JVM start and model load)")
PY
done
