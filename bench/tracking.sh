#!/usr/bin/env bash
# Tracking endpoints under wrk (issue 7): the open pixel and the click redirect of real sent
# messages, served by `java -jar target/dripline.jar serve`. Prints requests/s and latency
# percentiles (wrk --latency) per endpoint, and the events the server recorded. Never fails a build.
#
# Usage: bench/tracking.sh [db=mariadb|h2] [seconds=30] [connections=50] [subscribers=2000]
# The database is prepared by a real run: N subscribers get the welcome, sent into smtp-sink and
# marked sent an hour ago (so opens and clicks count as human, the path that matters most). The
# tokens are signed with the key the server is configured with, exactly as the app signs them.
set -uo pipefail
cd "$(dirname "$0")/.."
DB=${1:-mariadb}
SECONDS_EACH=${2:-30}
CONNECTIONS=${3:-50}
N=${4:-2000}
THREADS=${BENCH_WRK_THREADS:-2}
SMTP_PORT=${BENCH_SMTP_PORT:-2526}
DB_PORT=${BENCH_DB_PORT:-13306}
HTTP_PORT=${BENCH_HTTP_PORT:-18080}
JAR=${BENCH_JAR:-$PWD/target/dripline.jar}
KEY=$(python3 -c 'import base64, os; print(base64.b64encode(os.urandom(32)).decode())')
SERVER=
source bench/lib.sh

bench_start tracking wrk || exit 0
APP_ARGS=("${DB_ARGS[@]}" --spring.mail.host=127.0.0.1 --spring.mail.port=$SMTP_PORT --dripline.dkim.enabled=false
  --dripline.tracking.keys.bench="$KEY" --dripline.tracking.active-key=bench
  --dripline.base-url=http://127.0.0.1:$HTTP_PORT)

ln -s "$PWD/campaigns" "$WORK/campaigns"
ln -s "$PWD/templates" "$WORK/templates"
berlin_readers "$WORK/subscribers.csv" "$N" reader
cd "$WORK"
java -jar "$JAR" import --file subscribers.csv "${APP_ARGS[@]}" >import.txt 2>&1
java -jar "$JAR" run --campaign working-mom-guilt --as-of 2026-12-01T08:00:00Z "${APP_ARGS[@]}" >run.txt 2>&1
echo "prepared: $(grep -o 'sent=[0-9]*' run.txt | head -1) deliveries, $(sql "select count(*) from links") links ($DB)"
# An hour after sending: opens and clicks now are human, not machine-flagged for arriving too soon.
sql "update deliveries set sent_at = timestampadd(HOUR, -1, sent_at) where status = 'SENT'" >/dev/null

# URLs signed as the app signs them: keyId.subject.link.base64url(HMAC-SHA256(PURPOSE\nsubject\nlink\nkeyId)).
sql "select d.id, l.id from deliveries d join links l on l.campaign_id = d.campaign_id and l.step_id = d.step_id where d.status = 'SENT' order by d.id, l.id" >pairs.tsv
python3 - "$KEY" "$HTTP_PORT" <<'PY'
import base64, hashlib, hmac, sys
key, port = base64.b64decode(sys.argv[1]), sys.argv[2]
def token(purpose, subject, link):
    mac = hmac.new(key, f'{purpose}\n{subject}\n{link}\nbench'.encode(), hashlib.sha256).digest()
    return f'bench.{subject}.{link}.' + base64.urlsafe_b64encode(mac).decode().rstrip('=')
pairs = [tuple(line.split()) for line in open('pairs.tsv') if line.strip()]
deliveries = sorted({d for d, _ in pairs}, key=int)
with open('open.txt', 'w') as f:
    for d in deliveries:
        f.write(f'/t/o/{token("OPEN", d, 0)}\n')
with open('click.txt', 'w') as f:
    for d, l in pairs:
        f.write(f'/t/c/{token("CLICK", d, l)}\n')
print(f'urls: {len(deliveries)} pixels, {len(pairs)} links')
PY
cat >rotate.lua <<'LUA'
-- Each request takes the next URL of the list, so the load spreads over real deliveries and links.
local paths, i = {}, 0
function init(args)
  for line in io.lines(args[1]) do paths[#paths + 1] = line end
  i = math.random(#paths)
end
function request()
  i = i % #paths + 1
  return wrk.format("GET", paths[i], { ["User-Agent"] = "Mozilla/5.0 (X11; Linux x86_64; rv:128.0) Gecko/20100101 Firefox/128.0" })
end
LUA

java -Xmx256m -Xlog:gc:file=gc-serve.log ${BENCH_JVM_ARGS:-} -jar "$JAR" serve --server.port=$HTTP_PORT "${APP_ARGS[@]}" ${BENCH_SERVER_ARGS:-} >serve.txt 2>&1 &
SERVER=$!
for _ in $(seq 1 60); do
  curl -s -o /dev/null "http://127.0.0.1:$HTTP_PORT/t/o/x" && break
  sleep 1
done
first_click=$(head -1 click.txt)
echo "check: pixel $(curl -s -o /dev/null -w '%{http_code} %{content_type}' "http://127.0.0.1:$HTTP_PORT$(head -1 open.txt)")," \
  "click $(curl -s -o /dev/null -w '%{http_code} -> %{redirect_url}' "http://127.0.0.1:$HTTP_PORT$first_click")," \
  "bad token $(curl -s -o /dev/null -w '%{http_code}' "http://127.0.0.1:$HTTP_PORT${first_click%????}AAAA")"
# Server CPU by thread group (request threads, JIT compilers, GC, event writer), to tell warm-up from work.
threads_cpu() {
  for task in /proc/$SERVER/task/*; do
    echo "$(sed "s/[0-9]*$//; s/ /_/g" $task/comm 2>/dev/null) $(awk '{ print $14 + $15 }' $task/stat 2>/dev/null)"
  done | awk -v hz="$(getconf CLK_TCK)" '{ cpu[$1] += $2 / hz } END { for (t in cpu) printf "%s=%.1f ", t, cpu[t] }'
}
# Warm-up (JIT, pools) on both endpoints, so the click path is compiled before it is measured too.
WARMUP=${BENCH_WARMUP:-20}
for endpoint in open click; do
  wrk -t$THREADS -c$CONNECTIONS -d$(( (WARMUP + 1) / 2 ))s -s rotate.lua "http://127.0.0.1:$HTTP_PORT" -- $endpoint.txt >/dev/null 2>&1
done
EVENTS_BEFORE=$(sql "select count(*) from events")
echo "server threads' cpu after warm-up: $(threads_cpu)"
cpu() {  # CPU seconds of a process so far; 0 when there is none (H2 runs inside the server)
  [ -n "$1" ] && awk -v hz="$(getconf CLK_TCK)" '{ print ($14 + $15) / hz }' /proc/$1/stat || echo 0
}
for endpoint in open click; do
  CPU_BEFORE=$(cpu $SERVER)
  DB_BEFORE=$(cpu "${MARIADB_PID:-}")
  /usr/bin/time -f "%U %S" -o wrk-cpu-$endpoint.txt wrk -t$THREADS -c$CONNECTIONS -d${SECONDS_EACH}s --latency \
    -s rotate.lua "http://127.0.0.1:$HTTP_PORT" -- $endpoint.txt >wrk-$endpoint.txt 2>&1
  CPU_AFTER=$(cpu $SERVER)
  DB_AFTER=$(cpu "${MARIADB_PID:-}")
  python3 - "$endpoint" "$CPU_BEFORE" "$CPU_AFTER" "$(cut -d' ' -f1-3 /proc/loadavg)" wrk-$endpoint.txt \
    "$DB_BEFORE" "$DB_AFTER" "$(tail -1 wrk-cpu-$endpoint.txt)" "$(nproc)" <<'PY'
import re, sys
name, before, after, load, path, db_before, db_after, wrk_cpu, cores = sys.argv[1:]
text = open(path).read()
rps = re.search(r'Requests/sec:\s+([\d.]+)', text)
pct = dict(re.findall(r'^\s+(50|75|90|99)%\s+(\S+)', text, re.M))
non2xx = re.search(r'Non-2xx or 3xx responses: (\d+)', text)
errors = re.search(r'Socket errors: (.*)', text)
total = re.search(r'(\d+) requests in', text)
print(f"{name:5s}: {float(rps[1]) if rps else 0:8.0f} req/s  p50={pct.get('50')} p90={pct.get('90')} p99={pct.get('99')}"
      f"  requests={total[1] if total else '?'} non-2xx/3xx={non2xx[1] if non2xx else 0}"
      f"{'  socket errors: ' + errors[1] if errors else ''}  load {load}")
# What each request costs in CPU, whoever spends it; the machine's cores divided by it is the rate
# this machine could serve with nothing else running (the other loads here are not ours to stop).
n = int(total[1]) if total else 0
server, db, client = float(after) - float(before), float(db_after) - float(db_before), sum(map(float, wrk_cpu.split()))
if n:
    per = (server + db + client) / n
    print(f"{name:5s}: cpu per request: server {server / n * 1e3:.3f} ms + database {db / n * 1e3:.3f} ms"
          f" + wrk {client / n * 1e3:.3f} ms = {per * 1e3:.3f} ms -> {int(cores) / per:.0f} req/s on {cores} idle cores")
PY
done
echo "server threads' cpu at the end: $(threads_cpu)"
# The live set: what a full GC keeps (the gc log's largest "after" also counts young-only pauses,
# which leave the old generation's garbage in place until G1's next mixed collection).
jcmd $SERVER GC.class_histogram >histogram.txt 2>/dev/null \
  && echo "live heap after a full GC: $(awk '/^Total/ { printf "%.1f MB", $3 / 1048576 }' histogram.txt);" \
    "largest: $(sed -n '4,8p' histogram.txt | awk '{ printf "%s %.1f MB, ", $4, $3 / 1048576 }')"
kill $SERVER 2>/dev/null && wait $SERVER 2>/dev/null
SERVER=
echo "events recorded: $(( $(sql "select count(*) from events") - EVENTS_BEFORE )) (by type and flag: $(sql "select type, machine, count(*) from events group by type, machine" | tr '\t\n' ': '))"
echo "heap: $(heap_from_gc_log gc-serve.log)"
[ -n "${BENCH_KEEP:-}" ] && echo "kept $WORK"
exit 0
