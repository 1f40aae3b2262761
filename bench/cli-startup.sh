#!/usr/bin/env bash
# How long a command takes to answer, from start to exit: `--help` (no Spring context),
# `validate` (a context of the campaign and template files only) and `jobs` (the whole
# application on the embedded H2 database). Each runs RUNS times in a fresh directory holding a
# copy of campaigns/ and templates/; prints the median wall time and CPU time (user + system).
# Two ways in: `java -jar JAR`, and the launcher `mvn package` lays out next to it
# (JAR's directory/dripline/dripline: the jar extracted, with a class-data archive), if it is there.
#
#   bench/cli-startup.sh [JAR] [RUNS]     # default target/dripline.jar, 5 runs
#
# Compare two builds by passing each jar. Wall time depends on how busy the machine is; CPU time
# much less so. Run from the repository root.
set -u
JAR=$(realpath "${1:-target/dripline.jar}")
RUNS=${2:-5}
[ -f "$JAR" ] || { echo "no $JAR: run 'mvn -q package -DskipTests' first"; exit 0; }
command -v java >/dev/null || { echo "no java on PATH"; exit 0; }
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

median() { sort -n | awk '{ v[NR] = $1 } END { printf "%.2f", (NR % 2) ? v[(NR + 1) / 2] : (v[NR / 2] + v[NR / 2 + 1]) / 2 }'; }

measure() {
  local label=$1; shift
  local how=("${start[@]}")
  local walls=() cpus=()
  for _ in $(seq "$RUNS"); do
    rm -rf "$work/run" && mkdir -p "$work/run" && cp -r campaigns templates "$work/run/"
    local t
    t=$( { cd "$work/run" && /usr/bin/time -f "%e %U %S" "${how[@]}" "$@" >/dev/null 2>"$work/err"; } 2>&1; tail -1 "$work/err")
    walls+=("$(echo "$t" | awk '{ print $1 }')")
    cpus+=("$(echo "$t" | awk '{ print $2 + $3 }')")
  done
  printf '%-10s wall %6ss  cpu %6ss  (median of %d)\n' "$label" \
    "$(printf '%s\n' "${walls[@]}" | median)" "$(printf '%s\n' "${cpus[@]}" | median)" "$RUNS"
}

echo "jar: $JAR ($(java -version 2>&1 | head -1)), $(nproc) cores, load $(cut -d' ' -f1-3 /proc/loadavg)"
all() {
  measure "--help" --help
  measure "validate" validate
  measure "jobs" jobs
}
echo "java -jar $JAR"
start=(java -jar "$JAR")
all
launcher=$(dirname "$JAR")/dripline/dripline
if [ -x "$launcher" ]; then
  echo "$launcher$([ -f "$(dirname "$launcher")/dripline.jsa" ] || echo " (no class-data archive)")"
  start=("$launcher")
  all
fi
