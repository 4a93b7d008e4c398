#!/usr/bin/env bash
# Times `vapr analyze` on a 30K-pair VaPR dataset (o200k tokens) against the 3 s target of issue 4.
# Builds the dataset once: synth a world of 30,400 scenes (small 32 px images: the builder drops pairs whose image is
# missing), then `vapr build --size 30000` with the world's oracle. Reuses BENCH_DIR on later runs.
# Usage: bench/analyze-30k.sh [BENCH_DIR]   (default: bench/out/analyze-30k)
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
dir="${1:-$root/bench/out/analyze-30k}"
vapr="$root/vapr"
mkdir -p "$dir"
if [ ! -f "$dir/vapr/manifest.json" ]; then
  echo "building the 30K-pair dataset in $dir (about a minute, once)..."
  "$vapr" synth --out "$dir/world" --samples 30400 --image-size 32 -q >/dev/null
  "$vapr" build --input "$dir/world/llava.json" --out "$dir/vapr" --size 30000 -q >/dev/null
fi
pairs="$dir/vapr/pairs.jsonl"
echo "pairs: $(wc -l < "$pairs") in $pairs ($(du -h "$pairs" | cut -f1))"
"$vapr" --version >/dev/null   # make sure the jar is built before timing
# One untimed run: the launcher writes its class-data sharing archive for analyze on the first run after a build.
"$vapr" analyze "$pairs" --tokenizer o200k --json "$dir/report.json" >/dev/null
for run in 1 2 3; do
  /usr/bin/time -v "$vapr" analyze "$pairs" --tokenizer o200k --json "$dir/report.json" >"$dir/table.md" 2>"$dir/time-$run.txt"
  wall="$(sed -n 's/.*Elapsed (wall clock) time (h:mm:ss or m:ss): //p' "$dir/time-$run.txt")"
  rss="$(sed -n 's/.*Maximum resident set size (kbytes): //p' "$dir/time-$run.txt")"
  secs="$(awk -F: '{ if (NF==3) print $1*3600+$2*60+$3; else print $1*60+$2 }' <<<"$wall")"
  verdict="$(awk -v s="$secs" 'BEGIN { print (s <= 3.0) ? "within" : "OVER" }')"
  printf 'run %d: wall %.2f s, peak RSS %d MiB  (%s the 3 s target)\n' "$run" "$secs" "$((rss / 1024))" "$verdict"
done
echo "cores: $(nproc); load average: $(cut -d' ' -f1-3 /proc/loadavg 2>/dev/null || echo '?'); JVM options: ${VAPR_JAVA_OPTS-launcher defaults (-XX:+UseSerialGC -Xmn32m -XX:TieredStopAtLevel=1, class-data sharing)}"
head -n 8 "$dir/table.md"
