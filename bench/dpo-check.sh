#!/usr/bin/env bash
# One DPO setting checked against the demo's SFT model: DPO (world preset, LoRA) from DEMO_DIR/models/sft on PAIRS,
# then POPE (the demo's three splits) asked both ways — with LLaVA's "Answer the question using a single word or
# phrase." and as the bare question — for the new model and for the SFT model, printed side by side (average
# accuracy / F1 / yes-ratio). Extra arguments go to `vapr train dpo` (e.g. --lr 2e-4 --epochs 1).
# This is how docs/CALIBRATION.md's fourth round was measured.
# Usage: bench/dpo-check.sh DEMO_DIR PAIRS OUT [vapr train dpo options...]
set -euo pipefail
cd "$(dirname "$0")/.."
[ $# -ge 3 ] || { echo "usage: bench/dpo-check.sh DEMO_DIR PAIRS OUT [vapr train dpo options...]" >&2; exit 2; }
demo=$1 pairs=$2 out=$3
shift 3
[ -d "$demo/models/sft" ] && [ -d "$demo/benchmarks/pope" ] || { echo "no demo in $demo: run ./vapr demo --out $demo first" >&2; exit 2; }
# the demo's SFT model: models/sft, or models/sft-extra-N when the plateau check trained on (summary.json says which)
sft="$demo/$(/usr/bin/python3 -c 'import json,sys; print(json.load(open(sys.argv[1]))["models"]["sft"]["model_dir"])' "$demo/summary.json" 2>/dev/null || echo models/sft)"
pope=("$demo"/benchmarks/pope/pope_random.jsonl "$demo"/benchmarks/pope/pope_popular.jsonl "$demo"/benchmarks/pope/pope_adversarial.jsonl)
data=()
for f in "${pope[@]}"; do data+=(--data "$f"); done
./vapr train dpo --model "$sft" --pairs "$pairs" --images "$demo/world" --out "$out/dpo" --preset world \
  --eval-pairs "$demo/datasets/vapr.eval.jsonl" --quiet "$@" > "$out.train.log"
score() { # MODEL_DIR OUT [--no-short-answer]
  ./vapr eval run --benchmark pope "${data[@]}" --model "$1" --bootstrap 0 --out "$2" "${@:3}" > /dev/null
}
for m in sft:"$sft" dpo:"$out/dpo/model"; do
  name=${m%%:*} dir=${m#*:}
  [ -f "$out/$name-short/scores.json" ] || score "$dir" "$out/$name-short"
  [ -f "$out/$name-bare/scores.json" ] || score "$dir" "$out/$name-bare" --no-short-answer
done
/usr/bin/python3 - "$out" <<'PY'
import json, sys
out = sys.argv[1]
def avg(path):
    s = {x["name"]: x["value"] for x in json.load(open(path))["scores"]}
    return s["average/accuracy"], s["average/f1"], s["average/yes_ratio"]
print(f"{'model':6} {'prompt':6} {'acc':>6} {'F1':>6} {'yes':>6}")
for name in ("sft", "dpo"):
    for prompt in ("short", "bare"):
        a, f, y = avg(f"{out}/{name}-{prompt}/scores.json")
        print(f"{name:6} {prompt:6} {a:6.3f} {f:6.3f} {y:6.3f}")
PY
