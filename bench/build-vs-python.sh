#!/usr/bin/env bash
# Benchmark: `vapr build --stages filter,categorize,sample` against the straightforward Python script
# (peer_filter_categorize.py: json.load + re, same rules) on a 665K-record LLaVA-shaped corpus.
# The whole process as a user runs it (the ./vapr launcher included). Wall time and peak memory from /usr/bin/time -v, one run each, then the ratios.
#
# usage: bench/build-vs-python.sh            (RECORDS=665000 SIZE=30000 SEED=1 by default)
#        RECORDS=100000 bench/build-vs-python.sh
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
cd "$root"
records="${RECORDS:-665000}"
size="${SIZE:-30000}"
seed="${SEED:-1}"
out="$root/bench/out"
corpus_dir="$out/llava$records"
python="${PYTHON:-python3}"

./vapr --version                       # builds the jar if needed; finds a JDK >= 21

if [ ! -f "$corpus_dir/llava.json" ]; then
  echo "generating the $records-record corpus (text only) in $corpus_dir ..."
  ./vapr synth --out "$corpus_dir" --records "$records" --no-images --mix llava665k --seed "$seed" -q >/dev/null
fi
corpus="$corpus_dir/llava.json"
rules="$root/vapr-pipeline/src/main/resources/org/vapr/pipeline/rules.yaml"
echo "corpus: $corpus ($(du -h "$corpus" | cut -f1), $records records)"
echo "python: $("$python" --version 2>&1); JVM options: ${VAPR_JAVA_OPTS-launcher defaults}"

rm -rf "$out/vapr-run" "$out/python-run"
./vapr build --help >/dev/null          # untimed: writes the launcher's class-data-sharing archive for `build`
/usr/bin/time -v ./vapr build --input "$corpus" --out "$out/vapr-run" \
  --stages filter,categorize,sample --size "$size" --seed "$seed" -q >"$out/vapr.stdout" 2>"$out/vapr.time"
/usr/bin/time -v "$python" "$root/bench/peer_filter_categorize.py" "$corpus" "$rules" "$out/python-run" "$size" "$seed" \
  >"$out/python.stdout" 2>"$out/python.time"

secs() { # "Elapsed (wall clock) time (h:mm:ss or m:ss): 0:03.21" -> seconds
  sed -n "s/.*Elapsed (wall clock) time (h:mm:ss or m:ss): //p" "$1" | awk -F: '{ s=0; for (i=1;i<=NF;i++) s=s*60+$i; printf "%.2f", s }'
}
rss() { sed -n 's/.*Maximum resident set size (kbytes): //p' "$1" | awk '{ printf "%.0f", $1/1024 }'; }

vt=$(secs "$out/vapr.time"); pt=$(secs "$out/python.time")
vm=$(rss "$out/vapr.time"); pm=$(rss "$out/python.time")
vc=$("$python" -c 'import json,sys; print(json.load(open(sys.argv[1]))["counts"]["candidates"])' "$out/vapr-run/manifest.json")
pc=$(wc -l < "$out/python-run/candidates.jsonl")
printf '\n%-28s %12s %14s %14s\n' "" "wall (s)" "peak RSS (MB)" "candidates"
printf '%-28s %12s %14s %14s\n' "vapr build (Java)" "$vt" "$vm" "$vc"
printf '%-28s %12s %14s %14s\n' "Python json.load + re" "$pt" "$pm" "$pc"
awk -v vt="$vt" -v pt="$pt" -v vm="$vm" -v pm="$pm" 'BEGIN {
  printf "\nspeed-up: %.1fx faster (target >= 8x)\nmemory:   %.1fx less peak memory (target >= 8x)\n", pt/vt, pm/vm }'
