#!/usr/bin/env bash
# Dripline send benchmark (issue 7 groundwork): the real drip send of the welcome step to N
# subscribers against Postfix's smtp-sink on loopback, next to the machine's raw SMTP ceiling
# (smtp-source, same message size, same number of persistent connections, same sink).
# It prints numbers and never fails a build: benchmarks are not tests.
#
# Usage: bench/run.sh [subscribers=10000] [threads=2] [dkim=true]
set -uo pipefail
cd "$(dirname "$0")/.."
N=${1:-10000}
THREADS=${2:-2}
DKIM=${3:-true}
PORT=${BENCH_SMTP_PORT:-2525}
WORK=$(mktemp -d /tmp/dripline-bench.XXXXXX)

if ! command -v smtp-sink >/dev/null 2>&1 && [ ! -x /usr/sbin/smtp-sink ]; then
  echo "installing postfix (for smtp-sink and smtp-source)"
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq postfix >/dev/null || { echo "cannot install postfix"; exit 0; }
fi
PATH=$PATH:/usr/sbin
[ -f target/dripline.jar ] || mvn -q -B package -DskipTests || { echo "build failed"; exit 0; }

smtp-sink -u root 127.0.0.1:$PORT 1000 >/dev/null 2>&1 &
SINK=$!
trap 'kill $SINK 2>/dev/null; rm -rf "$WORK"' EXIT
sleep 1

ln -s "$PWD/campaigns" "$WORK/campaigns"
ln -s "$PWD/templates" "$WORK/templates"
python3 - "$WORK/subscribers.csv" "$N" <<'PY'
import sys
with open(sys.argv[1], 'w') as f:
    f.write('email,first_name,timezone,tags\n')
    for i in range(int(sys.argv[2])):
        f.write(f'bench{i}@example.org,Reader {i},Europe/Berlin,working-mom\n')
PY

JAR=$PWD/target/dripline.jar
cd "$WORK"
java -jar "$JAR" import --file subscribers.csv --dripline.data-dir="$WORK/data" >/dev/null 2>&1

/usr/bin/time -f "%e %U %S %M" -o time.txt java -Xmx256m -jar "$JAR" run --campaign working-mom-guilt \
  --as-of 2026-12-01T08:00:00Z --dripline.data-dir="$WORK/data" --spring.mail.host=127.0.0.1 \
  --spring.mail.port=$PORT --dripline.send.threads=$THREADS --dripline.dkim.enabled=$DKIM > run.txt 2>/dev/null
read -r WALL USER SYS RSS < time.txt
SENT=$(grep -o 'sent=[0-9]*' run.txt | cut -d= -f2)

# The ceiling: the same number of messages of the rendered size over as many persistent sessions.
SIZE=11000
START=$(date +%s.%N)
smtp-source -d -s "$THREADS" -m "$N" -l $SIZE -f stories@dripline.example -t bench@example.org 127.0.0.1:$PORT
END=$(date +%s.%N)

python3 - "$N" "$THREADS" "$DKIM" "$SENT" "$WALL" "$USER" "$SYS" "$RSS" "$START" "$END" <<'PY'
import sys
n, threads, dkim, sent, wall, user, sys_, rss, start, end = sys.argv[1:]
n, sent = int(n), int(sent or 0)
wall, user, sys_, rss = float(wall), float(user), float(sys_), int(rss)
ceiling = n / (float(end) - float(start))
rate = sent / wall if wall else 0
print(f"subscribers={n} threads={threads} dkim={dkim} database=H2 (embedded file)")
print(f"dripline: sent={sent} wall={wall:.1f}s (JVM start, enrollment, planning and sending) "
      f"rate={rate:.0f} msg/s cpu={user + sys_:.1f}s ({(user + sys_) * 1000 / max(sent, 1):.2f} ms/msg) maxrss={rss // 1024} MB")
print(f"ceiling: smtp-source {n} x {11000} B over {threads} sessions: {ceiling:.0f} msg/s")
print(f"ratio dripline/ceiling: {rate / ceiling:.3f}")
PY
