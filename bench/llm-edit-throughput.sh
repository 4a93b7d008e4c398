#!/usr/bin/env bash
# Edit-stage throughput against a paid-API-like server (issue 3 §9): EDITS edits (default 30,000), one chat call
# each, through the journaled, concurrent edit stage, against the loopback OpenAI-compatible server in its own JVM
# with LATENCY_MS per request (default 1000) and an RPM cap (default 3,000; 429 + Retry-After beyond it). The
# client's ChatClient limits itself to the same RPM. Prints the sustained request rate as a share of the cap
# (target >= 95%) and the client's CPU per request (target <= 1 ms). At 3,000 RPM, 30,000 edits take ~10 minutes.
# Needs a build with test classes: mvn -B -o install -DskipTests && mvn -B -o test-compile -pl vapr-pipeline
# The client JVM runs with the options ./vapr gives `build --editor openai` (-XX:+UseSerialGC -Xmn32m
# -XX:TieredStopAtLevel=1); CLIENT_JAVA_OPTS replaces them.
# Usage: bench/llm-edit-throughput.sh [EDITS] [RPM] [LATENCY_MS] [OUT_DIR]
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
edits="${1:-30000}"; rpm="${2:-3000}"; latency="${3:-1000}"; dir="${4:-$root/bench/out/llm-edit-throughput}"
java="${JAVA_HOME:+$JAVA_HOME/bin/}java"
client_opts="${CLIENT_JAVA_OPTS--XX:+UseSerialGC -Xmn32m -XX:TieredStopAtLevel=1}"
mkdir -p "$dir"
if [ -z "${BENCH_CP:-}" ]; then
  (cd "$root" && mvn -B -q -o dependency:build-classpath -pl vapr-pipeline -Dmdep.includeScope=test \
      -Dmdep.outputFile="$dir/classpath.txt" >/dev/null)
  BENCH_CP="$(cat "$dir/classpath.txt"):$root/vapr-pipeline/target/classes:$root/vapr-pipeline/target/test-classes"
fi
"$java" -cp "$BENCH_CP" org.vapr.llm.loopback.LoopbackChatServer --port 0 --latency-ms "$latency" --rpm "$rpm" \
    --mode edit >"$dir/server.url" 2>"$dir/server.log" &
server=$!
trap 'kill $server 2>/dev/null || true' EXIT
for _ in $(seq 100); do [ -s "$dir/server.url" ] && break; sleep 0.1; done
url="$(cat "$dir/server.url")"
echo "loopback server $url: latency ${latency} ms, cap ${rpm} RPM; $edits edits; client JVM options: ${client_opts:-none}; cores $(nproc), load $(cut -d' ' -f1 /proc/loadavg)"
/usr/bin/time -f "client process: %e s wall, %U s user + %S s sys CPU, %M KiB peak RSS" \
  "$java" $client_opts -cp "$BENCH_CP" org.vapr.pipeline.EditThroughputBench --url "$url" --edits "$edits" --rpm "$rpm" \
    --concurrency 128 --out "$dir"
kill "$server"; wait "$server" 2>/dev/null || true
cat "$dir/server.log"
