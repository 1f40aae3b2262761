#!/usr/bin/env bash
# A newsletter issue to a big list on MariaDB (issue 16): import N subscribers onto the
# stories-weekly list with the packaged jar, then `newsletter send` of one issue with -Xmx256m
# against Postfix's smtp-sink. Prints the time of the audience snapshot (newsletterSnapshotStep, one
# INSERT ... SELECT) and of planning (newsletterPlanStep, one INSERT ... SELECT into the ledger),
# from Spring Batch's BATCH_STEP_EXECUTION, the send rate over the first SEND_SECONDS (then a
# graceful stop), and the raw SMTP ceiling of the drip bench (smtp-source, same size, same
# sessions, same sink). Never fails a build.
#
# Usage: bench/newsletter-1m.sh [subscribers=1000000] [send-seconds=60] [threads=2]
set -uo pipefail
cd "$(dirname "$0")/.."
N=${1:-1000000}
SEND_SECONDS=${2:-60}
THREADS=${3:-2}
SMTP_PORT=${BENCH_SMTP_PORT:-2527}
DB_PORT=${BENCH_DB_PORT:-13307}
HEAP=${BENCH_HEAP:-256m}
SIZE=${BENCH_SIZE:-9000}
DB=mariadb
JAR=${BENCH_JAR:-$PWD/target/dripline.jar}
source bench/lib.sh

bench_start newsletter || exit 0

mkdir "$WORK/newsletters"
ln -s "$PWD/templates" "$WORK/templates"
ln -s "$PWD/lists" "$WORK/lists"
mkdir "$WORK/campaigns" && cp campaigns/*.yaml "$WORK/campaigns/"
# The shipped issue, sent now: its send_at does not matter to `send`.
sed 's/^id: stories-weekly-2030-01/id: bench-issue/' newsletters/stories-weekly-2030-01.yaml >"$WORK/newsletters/bench-issue.yaml"
# Everyone on the list; one in ten left it again later would be realistic, but the import puts
# everyone on it (a left row is never re-subscribed by an import): the snapshot's filter is the
# join with list_subscriptions and the sendable check either way.
python3 - "$WORK/subscribers.csv" "$N" <<'PY'
import sys
zones = ['Europe/Berlin', 'America/New_York', 'Asia/Tokyo', 'Australia/Sydney']
with open(sys.argv[1], 'w') as f:
    f.write('email,first_name,timezone,tags,lists\n')
    for i in range(int(sys.argv[2])):
        f.write(f'reader{i}@example.org,Reader {i},{zones[i % 4]},working-mom,stories-weekly\n')
PY
cd "$WORK"
echo "== newsletter to $N subscribers, $DB, $(nproc) cores, load $(cut -d' ' -f1-3 /proc/loadavg)"
/usr/bin/time -f "%e %U %S %M" -o import-time.txt java -Xmx$HEAP -jar "$JAR" import --file subscribers.csv \
  "${DB_ARGS[@]}" >import.txt 2>&1
read -r I_WALL _ _ _ < <(tail -1 import-time.txt)
echo "import: wall=${I_WALL}s; on the list: $(sql "select count(*) from list_subscriptions where list_id = 'stories-weekly' and status = 'SUBSCRIBED'")"

/usr/bin/time -f "%e %U %S %M" -o send-time.txt java -Xmx$HEAP -Xlog:gc:file=gc-send.log -jar "$JAR" newsletter send \
  bench-issue "${DB_ARGS[@]}" --spring.mail.host=127.0.0.1 --spring.mail.port=$SMTP_PORT \
  --dripline.send.threads=$THREADS --dripline.dkim.enabled=false --dripline.allow-insecure-links=true \
  --dripline.tracking.keys.bench=YmVuY2gtb25seS1saW5rLXNpZ25pbmcta2V5LTMyLWJ5dGVzIQ== \
  --dripline.tracking.active-key=bench >send.txt 2>&1 &
send_for_seconds $! newsletterPlanStep 1 ""
read -r S_WALL S_USER S_SYS S_RSS < <(tail -1 send-time.txt)
echo "send: $(grep '^campaign=' send.txt | tail -1 | cut -c1-200)"
grep -q '^campaign=' send.txt || echo "send failed: $(tail -3 send.txt | cut -c1-300)"
echo "send: wall=${S_WALL}s cpu=$(python3 -c "print(round($S_USER+$S_SYS,1))")s maxrss=$((S_RSS / 1024))MB $(heap_from_gc_log gc-send.log)"
sql "select STEP_NAME, timestampdiff(MICROSECOND, START_TIME, END_TIME) / 1000000, WRITE_COUNT, STATUS from BATCH_STEP_EXECUTION
     where JOB_EXECUTION_ID = (select max(JOB_EXECUTION_ID) from BATCH_JOB_EXECUTION) order by STEP_EXECUTION_ID" \
  | awk -F'\t' '$1 == "newsletterSnapshotStep" || $1 == "newsletterPlanStep" || $1 == "deliverySendStep" {
      printf "step %-24s %8.1f s  written=%s  %s\n", $1, $2, $3, $4 }'
# The send rate from the ledger: SENT rows over the span from the first claim to the last 250.
sql "select count(*), timestampdiff(MICROSECOND, min(claimed_at), max(sent_at)) / 1000000 from deliveries where status = 'SENT'" \
  | awk -F'\t' '{ if ($2 > 0) printf "send rate: %d sent in %.1f s = %.0f msg/s\n", $1, $2, $1 / $2; else print "send rate: nothing sent" }'
SENT=$(sql "select count(*) from deliveries where status = 'SENT'")
M=$(( SENT > 0 ? SENT : 10000 ))
START=$(date +%s.%N)
smtp-source -d -s "$THREADS" -m "$M" -l "$SIZE" -f stories@dripline.example -t bench@example.org 127.0.0.1:$SMTP_PORT
END=$(date +%s.%N)
python3 -c "print(f'ceiling: smtp-source $M x $SIZE B over $THREADS sessions: {$M / ($END - $START):.0f} msg/s')"
[ -n "${BENCH_KEEP:-}" ] && echo "kept $WORK"
exit 0
