#!/usr/bin/env bash
# The ramp of a send (issue 14, item 8): time to the first 1,000 and 10,000 messages and the
# whole-run average, for runs of several sizes, on the embedded default (H2, DKIM on, 2 threads).
# Each run is bench/run.sh without the smtp-source ceiling. It prints numbers and never fails a build.
#
# Usage: bench/ramp.sh [sizes="10000 30000"] [repeats=1]
#   bench/ramp.sh "10000 100000" 3      the issue's sizes, three runs of each, medians at the end
#   RAMP_B_JAVA_OPTS / RAMP_B_APP_ARGS / RAMP_B_JAR   a second configuration "B": runs alternate
#     A B A B for each size (same load for both, as far as a shared machine allows); A uses
#     RAMP_A_JAVA_OPTS / RAMP_A_APP_ARGS / RAMP_A_JAR (default: the shipped settings, target/dripline.jar).
#   RAMP_DB=h2|mariadb (default h2), RAMP_DKIM=true|false (default true), RAMP_THREADS (default 2)
set -uo pipefail
cd "$(dirname "$0")/.."
SIZES=${1:-10000 30000}
REPEATS=${2:-1}
OUT=$(mktemp /tmp/dripline-ramp.XXXXXX)
CONFIGS=(A)
if [ -n "${RAMP_B_JAVA_OPTS:-}${RAMP_B_APP_ARGS:-}${RAMP_B_JAR:-}" ]; then CONFIGS=(A B); fi

for size in $SIZES; do
  for run in $(seq 1 "$REPEATS"); do
    for config in "${CONFIGS[@]}"; do
      opts_var=RAMP_${config}_JAVA_OPTS args_var=RAMP_${config}_APP_ARGS jar_var=RAMP_${config}_JAR
      echo "== $size subscribers, run $run, config $config (load $(cut -d' ' -f1 /proc/loadavg))"
      result=$(BENCH_NO_CEILING=1 BENCH_JAVA_OPTS="${!opts_var:-}" BENCH_APP_ARGS="${!args_var:-}" \
        BENCH_JAR="${!jar_var:-}" bench/run.sh "$size" "${RAMP_THREADS:-2}" "${RAMP_DKIM:-true}" "${RAMP_DB:-h2}")
      echo "$result"
      echo "$result" | python3 -c '
import re, sys
text = sys.stdin.read()
def num(pattern):
    m = re.search(pattern, text)
    return m.group(1) if m else "nan"
print(sys.argv[1], sys.argv[2],
      num(r"first 1,000 sent ([\d.]+)s after the first claim"), num(r"first 1,000 sent [\d.]+s after the first claim \(([\d.]+)s"),
      num(r"first 10,000 sent ([\d.]+)s after the first claim"), num(r"first 10,000 sent [\d.]+s after the first claim \(([\d.]+)s"),
      num(r"rate=(\d+) msg/s"), num(r"average from launch (\d+) msg/s"), num(r"load=([\d.]+)"))' "$size" "$config" >>"$OUT"
    done
  done
done

echo
echo "medians (seconds after the first claim / after the JVM's launch; rates in msg/s from the first claim / from launch)"
python3 - "$OUT" <<'PY'
import statistics, sys
from collections import defaultdict
runs = defaultdict(list)
for line in open(sys.argv[1]):
    size, config, *values = line.split()
    runs[(int(size), config)].append([float(v) for v in values])
def median(values):
    values = [v for v in values if v == v]
    return statistics.median(values) if values else float('nan')
print(f"{'size':>7} {'cfg':>3} {'runs':>4} {'1k claim':>9} {'1k launch':>9} {'10k claim':>9} {'10k launch':>10} "
      f"{'avg send':>8} {'avg launch':>10} {'load':>5}")
for (size, config), rows in sorted(runs.items()):
    m = [median(column) for column in zip(*rows)]
    print(f"{size:>7} {config:>3} {len(rows):>4} {m[0]:>9.1f} {m[1]:>9.1f} {m[2]:>9.1f} {m[3]:>10.1f} "
          f"{m[4]:>8.0f} {m[5]:>10.0f} {m[6]:>5.1f}")
PY
rm -f "$OUT"
