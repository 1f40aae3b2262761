#!/usr/bin/env bash
# Dripline at scale (issue 7): import N subscribers with the packaged jar, then one drip run
# (enrollment, planning, and the send of the welcome step against Postfix's smtp-sink) with
# -Xmx256m. Prints import time, enrollment and planning times (from Spring Batch's
# BATCH_STEP_EXECUTION), peak heap (from -Xlog:gc), RSS and CPU seconds. Never fails a build.
#
# Usage: bench/scale.sh [subscribers=1000000] [db=mariadb|h2] [send-seconds=120]
#   BENCH_WEEKLY=1: then mark the welcome sent to everyone and time the run a week later (week 1
#   planned for the whole audience, nobody new to enroll), the run a series repeats every week.
#   send-seconds: how long the send may run before a graceful stop (SIGTERM); 0 sends the whole
#   step. At ~300 msg/s a full 1M send takes about an hour, so by default the memory check covers
#   the send's first two minutes at full audience size (its reader pages by key, so the heap does
#   not grow with the rows already sent).
set -uo pipefail
cd "$(dirname "$0")/.."
N=${1:-1000000}
DB=${2:-mariadb}
SEND_SECONDS=${3:-120}
SMTP_PORT=${BENCH_SMTP_PORT:-2526}
DB_PORT=${BENCH_DB_PORT:-13306}
HEAP=${BENCH_HEAP:-256m}
AS_OF=2026-12-01T08:00:00Z
JAR=${BENCH_JAR:-$PWD/target/dripline.jar}
source bench/lib.sh

bench_start scale || exit 0

# The series without its 08:00-11:00 local send window: the four timezones below share no morning
# hour, and this bench times one run that sends the welcome to the whole audience (as before the
# series had a window), so its numbers stay comparable across versions.
mkdir "$WORK/campaigns"
grep -v '^  send_window:' campaigns/working-mom-guilt.yaml >"$WORK/campaigns/working-mom-guilt.yaml"
ln -s "$PWD/templates" "$WORK/templates"
# Every subscriber is in the audience (tag working-mom); one in ten has a second tag, and every row
# carries an attribute, as exported lists do.
python3 - "$WORK/subscribers.csv" "$N" <<'PY'
import sys
zones = ['Europe/Berlin', 'America/New_York', 'Asia/Tokyo', 'Australia/Sydney']
with open(sys.argv[1], 'w') as f:
    f.write('email,first_name,timezone,tags,plan\n')
    for i in range(int(sys.argv[2])):
        tags = 'working-mom;returning' if i % 10 == 0 else 'working-mom'
        f.write(f'reader{i}@example.org,Reader {i},{zones[i % 4]},{tags},{"pro" if i % 3 == 0 else "free"}\n')
PY
cd "$WORK"
echo "== $N subscribers, $DB, $(nproc) cores, load $(cut -d' ' -f1-3 /proc/loadavg)"

/usr/bin/time -f "%e %U %S %M" -o import-time.txt java -Xmx$HEAP -Xlog:gc:file=gc-import.log -jar "$JAR" import \
  --file subscribers.csv "${DB_ARGS[@]}" >import.txt 2>&1
read -r I_WALL I_USER I_SYS I_RSS < <(tail -1 import-time.txt)
echo "import: $(tail -1 import.txt | cut -c1-120)"
echo "import: wall=${I_WALL}s cpu=$(python3 -c "print(round($I_USER+$I_SYS,1))")s maxrss=$((I_RSS / 1024))MB $(heap_from_gc_log gc-import.log)"

db_cpu() {  # the database server's CPU seconds so far (0 for embedded H2, counted in the JVM)
  [ "$DB" = mariadb ] && awk -v hz="$(getconf CLK_TCK)" '{ printf "%.1f", ($14 + $15) / hz }' /proc/$MARIADB_PID/stat || echo 0
}
# The database server's CPU seconds when planning ended (send_for_seconds calls it).
on_planned() {
  DB_CPU_PLANNED=$(db_cpu)
}
# One drip run at $1; after planning, the send gets SEND_SECONDS and then a graceful stop.
drip_run() {
  local as_of=$1 label=$2 steps_before
  steps_before=$(sql "select count(*) from BATCH_STEP_EXECUTION where STEP_NAME = 'dueStepPlanningStep' and STATUS = 'COMPLETED'" 2>/dev/null || echo 0)
  DB_CPU_START=$(db_cpu)
  /usr/bin/time -f "%e %U %S %M" -o run-time-$label.txt java -Xmx$HEAP -Xlog:gc:file=gc-$label.log -jar "$JAR" run \
    --campaign working-mom-guilt --as-of "$as_of" "${DB_ARGS[@]}" --spring.mail.host=127.0.0.1 \
    --spring.mail.port=$SMTP_PORT --dripline.dkim.enabled=false >run-$label.txt 2>&1 &
  send_for_seconds $! dueStepPlanningStep $((steps_before + 1)) "$label "
  read -r R_WALL R_USER R_SYS R_RSS < <(tail -1 run-time-$label.txt)
  echo "$label run: $(grep '^campaign=' run-$label.txt | tail -1 | cut -c1-200)"
  echo "$label run: wall=${R_WALL}s cpu=$(python3 -c "print(round($R_USER+$R_SYS,1))")s maxrss=$((R_RSS / 1024))MB $(heap_from_gc_log gc-$label.log)"
  grep -q OutOfMemoryError run-$label.txt && echo "$label run: OutOfMemoryError (see $WORK/run-$label.txt)"

  # Step times of this run's execution, as Spring Batch recorded them.
  if [ "$DB" = mariadb ]; then
    STEPS="select STEP_NAME, timestampdiff(MICROSECOND, START_TIME, END_TIME) / 1000000, WRITE_COUNT, STATUS from BATCH_STEP_EXECUTION where JOB_EXECUTION_ID = (select max(JOB_EXECUTION_ID) from BATCH_JOB_EXECUTION) order by STEP_EXECUTION_ID"
  else
    STEPS="select STEP_NAME, datediff('MILLISECOND', START_TIME, END_TIME) / 1000.0, WRITE_COUNT, STATUS from BATCH_STEP_EXECUTION where JOB_EXECUTION_ID = (select max(JOB_EXECUTION_ID) from BATCH_JOB_EXECUTION) order by STEP_EXECUTION_ID"
  fi
  sql "$STEPS" | awk -F'\t' -v label="$label" '$1 == "audienceEnrollmentStep" || $1 == "dueStepPlanningStep" || $1 == "deliverySendStep" {
    printf "%s step %-24s %8.1f s  written=%s  %s\n", label, $1, $2, $3, $4; if ($1 != "deliverySendStep") total += $2 }
    END { printf "%s enrollment + planning: %.1f s\n", label, total }'
  [ "$DB" = mariadb ] && echo "$label mariadbd cpu: $(python3 -c "print(round(${DB_CPU_PLANNED:-0} - $DB_CPU_START, 1))")s from the run's start to the end of planning, $(python3 -c "print(round($(db_cpu) - $DB_CPU_START, 1))")s in all"
  echo "$label ledger: $(sql "select step_id, status, count(*) from deliveries group by step_id, status" | tr '\t\n' ':,')"
}

drip_run $AS_OF first
if [ -n "${BENCH_WEEKLY:-}" ]; then
  # A week later, as if the welcome had reached everyone: the run that repeats every week. Its
  # enrollment finds nobody new, and its planning joins the ledger's previous step and evaluates
  # week 1's attribute and tag conditions for the whole audience.
  sql "update deliveries set status = 'SENT', sent_at = '2026-12-01 08:00:00' where status in ('PLANNED', 'SENDING')" >/dev/null
  drip_run 2026-12-08T08:00:00Z weekly
fi
[ -n "${BENCH_KEEP:-}" ] && echo "kept $WORK"
exit 0
