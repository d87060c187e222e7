# Shared functions of benchmarks/run.sh and benchmarks/purge.sh (sourced, not run).
# Everything here talks to 127.0.0.1 only; every loop is bounded in count and time.

BENCH_ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
BENCH_OUT="$BENCH_ROOT/target/bench"
PG_HOST=${PG_HOST:-127.0.0.1}
PG_PORT=${PG_PORT:-5432}
PG_DB=${PG_DB:-test}
PG_USER=${PG_USER:-postgres}
BENCH_PASSWORD=bench-passphrase-123
ADMIN_USER=bench-admin
ADMIN_PASSWORD=bench-overseer-passphrase-123

ROTOR_PID=
ROTOR_PORT=
STARTUP_MS=

log() { printf '[%s] %s\n' "$(date +%H:%M:%S)" "$*" >&2; }
die() {
  log "ERROR: $*"
  exit 1
}

now_ms() { date +%s%3N; }

require_tools() {
  local t
  for t in "$@"; do
    command -v "$t" >/dev/null 2>&1 || die "$t is required (see BENCHMARKS.md)"
  done
}

psql_bench() {
  PGOPTIONS="-c client_min_messages=warning" psql -X -q -v ON_ERROR_STOP=1 -h "$PG_HOST" -p "$PG_PORT" -U "$PG_USER" -d "$PG_DB" "$@"
}

reset_schema() {
  local schema=$1
  log "PostgreSQL: recreating schema $schema in database $PG_DB"
  psql_bench -c "DROP SCHEMA IF EXISTS $schema CASCADE; CREATE SCHEMA $schema;" >/dev/null
}

# analyze_schema SCHEMA: ANALYZE of every table of SCHEMA, as autovacuum's auto-analyze would do
# after this much churn. Without fresh statistics PostgreSQL keeps the plans it made for the
# pool's prepared statements while the tables were nearly empty (the reference machine runs
# PostgreSQL with autovacuum off).
analyze_schema() {
  local tables
  tables=$(psql_bench -Atc "SELECT string_agg(quote_ident(schemaname) || '.' || quote_ident(tablename), ', ')
    FROM pg_tables WHERE schemaname = '$1'")
  [[ -z $tables ]] || psql_bench -c "ANALYZE $tables" >/dev/null
}

# Builds target/rotor.jar and the test classes (simulations, JMH) when missing or older than the
# sources; writes target/bench.classpath (the test classpath, for JMH) when missing or stale.
build_if_needed() {
  local marker="$BENCH_ROOT/target/test-classes/dev/rotor/bench/RefreshSimulation.class"
  local jar="$BENCH_ROOT/target/rotor.jar"
  local stale=no
  if [[ ! -f $jar || ! -f $marker ]]; then
    stale=yes
  elif [[ -n $(find "$BENCH_ROOT/src" "$BENCH_ROOT/pom.xml" "$BENCH_ROOT/server-config" \
    -newer "$jar" -type f -print -quit) ]]; then
    stale=yes
  fi
  if [[ $stale == yes ]]; then
    log "building: mvn -B -q -DskipTests package (compiles the benchmarks too)"
    mkdir -p "$BENCH_OUT"
    (cd "$BENCH_ROOT" && mvn -B -q -DskipTests package) >"$BENCH_OUT/build.log" 2>&1 ||
      {
        tail -n 40 "$BENCH_OUT/build.log" >&2
        die "build failed (log: target/bench/build.log)"
      }
  else
    log "build is up to date (target/rotor.jar)"
  fi
  local cp="$BENCH_ROOT/target/bench.classpath"
  if [[ ! -s $cp || $BENCH_ROOT/pom.xml -nt $cp ]]; then
    log "writing target/bench.classpath (test classpath for JMH)"
    (cd "$BENCH_ROOT" && mvn -B -q dependency:build-classpath \
      -Dmdep.outputFile=target/bench.classpath -Dmdep.includeScope=test) >/dev/null 2>&1 ||
      die "mvn dependency:build-classpath failed"
    touch "$cp"
  fi
}

# A free TCP port on 127.0.0.1, never 8080 nor 18080-18099.
free_port() {
  local i p
  for ((i = 0; i < 100; i++)); do
    p=$((20000 + RANDOM % 10000))
    if [[ -z $(ss -Htln "sport = :$p" 2>/dev/null) ]] &&
      ! (exec 3<>"/dev/tcp/127.0.0.1/$p") 2>/dev/null; then
      echo "$p"
      return 0
    fi
  done
  die "no free port found"
}

# The server the WAR runs on: payara-micro (target/rotor.jar, -Xmx256m), or wildfly or
# payara-server (server-config/NAME/start.sh, each server's stock heap). run.sh --server sets it.
ROTOR_SERVER=${ROTOR_SERVER:-payara-micro}
# The process that start_rotor started (rotor.jar, or start.sh) and, in ROTOR_PID, the server's JVM.
ROTOR_LAUNCHER_PID=

# server_jvm PID: the server JVM among PID and its descendants (WildFly's jboss-modules, Payara
# Server's ASMain; not the asadmin JVM that starts the latter).
server_jvm() {
  local p=$1 c
  if [[ $(tr '\0' ' ' <"/proc/$p/cmdline" 2>/dev/null) =~ (jboss-modules.jar|ASMain|rotor.jar) ]]; then
    echo "$p"
    return 0
  fi
  for c in $(pgrep -P "$p"); do
    server_jvm "$c" && return 0
  done
  return 1
}

# start_rotor LOGFILE [VAR=value ...]: starts the WAR on $ROTOR_SERVER on a free port with the
# given environment, waits for the first 200 from /.well-known/jwks.json (at most
# START_TIMEOUT s) and sets ROTOR_PID (the server JVM), ROTOR_PORT and STARTUP_MS (process start
# to that 200).
start_rotor() {
  local logfile=$1
  shift
  ROTOR_PORT=$(free_port)
  local url="http://127.0.0.1:$ROTOR_PORT/.well-known/jwks.json"
  local timeout=${START_TIMEOUT:-240}
  log "starting Rotor on $ROTOR_SERVER, 127.0.0.1:$ROTOR_PORT (log: ${logfile#"$BENCH_ROOT"/})"
  local t0
  t0=$(now_ms)
  if [[ $ROTOR_SERVER == payara-micro ]]; then
    env -u ROTOR_DB_URL -u ROTOR_DB_USER -u ROTOR_DB_PASSWORD -u ROTOR_DATA_DIR "$@" \
      java -Xmx256m ${ROTOR_JAVA_OPTS:-} -jar "$BENCH_ROOT/target/rotor.jar" --port "$ROTOR_PORT" \
      >"$logfile" 2>&1 &
  else
    # setsid: start.sh and its server in a process group of their own, stopped as one.
    env -u ROTOR_DB_URL -u ROTOR_DB_USER -u ROTOR_DB_PASSWORD -u ROTOR_DATA_DIR "$@" \
      setsid bash "$BENCH_ROOT/server-config/$ROTOR_SERVER/start.sh" "$ROTOR_PORT" >"$logfile" 2>&1 &
  fi
  ROTOR_LAUNCHER_PID=$!
  local code
  while :; do
    if ! kill -0 "$ROTOR_LAUNCHER_PID" 2>/dev/null; then
      tail -n 30 "$logfile" >&2
      ROTOR_LAUNCHER_PID=
      die "$ROTOR_SERVER exited during start-up"
    fi
    code=$(curl -s -o /dev/null -w '%{http_code}' --max-time 2 "$url" || true)
    if [[ $code == 200 ]]; then
      break
    fi
    if (($(now_ms) - t0 > timeout * 1000)); then
      tail -n 30 "$logfile" >&2
      die "$ROTOR_SERVER not ready after ${timeout}s (last answer: $code)"
    fi
    sleep 0.1
  done
  STARTUP_MS=$(($(now_ms) - t0))
  ROTOR_PID=$(server_jvm "$ROTOR_LAUNCHER_PID") || die "no server JVM under pid $ROTOR_LAUNCHER_PID"
  log "ready after ${STARTUP_MS} ms (server JVM pid $ROTOR_PID)"
}

# stop_launched NAME LAUNCHER_PID [JVM_PID]: stops a server this script launched: SIGTERM to the
# launcher, SIGKILL to its process group after 60 s, and SIGKILL to a JVM left behind by it.
stop_launched() {
  local name=$1 launcher=$2 jvm=${3:-}
  if kill -0 "$launcher" 2>/dev/null; then
    log "stopping $name (pid $launcher)"
    kill -TERM "$launcher" 2>/dev/null || true
    local i
    for ((i = 0; i < 600; i++)); do
      kill -0 "$launcher" 2>/dev/null || break
      sleep 0.1
    done
    if kill -0 "$launcher" 2>/dev/null; then
      log "$name still running after 60 s: SIGKILL"
      kill -KILL -- "-$launcher" 2>/dev/null || kill -KILL "$launcher" 2>/dev/null || true
    fi
  fi
  [[ -z $jvm ]] || kill -KILL "$jvm" 2>/dev/null || true
  wait "$launcher" 2>/dev/null || true
}

# Stops the server this script started.
stop_rotor() {
  [[ -n ${ROTOR_LAUNCHER_PID:-} ]] || return 0
  stop_launched "$ROTOR_SERVER" "$ROTOR_LAUNCHER_PID" "${ROTOR_PID:-}"
  ROTOR_LAUNCHER_PID=
  ROTOR_PID=
}

base_url() { echo "http://127.0.0.1:$ROTOR_PORT"; }

# VmRSS of the server process, KiB.
rss_kib() {
  awk '/^VmRSS:/ {print $2}' "/proc/$ROTOR_PID/status"
}

# register_users PREFIX COUNT: POST /auth/register PREFIX1..PREFIXCOUNT (password
# $BENCH_PASSWORD); 201 or 409 (already there) are both fine.
register_users() {
  local prefix=$1 count=$2 i code
  log "registering $count users ${prefix}1..${prefix}${count} via POST /auth/register"
  for ((i = 1; i <= count; i++)); do
    code=$(curl -s -o /dev/null -w '%{http_code}' --max-time 30 -X POST "$(base_url)/auth/register" \
      -H 'Content-Type: application/json' \
      -d "{\"username\": \"${prefix}${i}\", \"password\": \"$BENCH_PASSWORD\"}" || true)
    [[ $code == 201 || $code == 409 ]] || die "registering ${prefix}${i}: HTTP $code"
  done
}

# access_token USER PASSWORD: prints an access token (POST /auth/login).
access_token() {
  curl -s --fail --max-time 30 -X POST "$(base_url)/auth/login" -H 'Content-Type: application/json' \
    -d "{\"username\": \"$1\", \"password\": \"$2\"}" | jq -er .access_token
}

# register_service_client: a confidential client with the client credentials grant, registered
# through POST /admin/clients as the bench admin; sets SERVICE_CLIENT_ID and SERVICE_CLIENT_SECRET.
register_service_client() {
  local admin answer
  admin=$(access_token "$ADMIN_USER" "$ADMIN_PASSWORD") || die "no admin token for /admin/clients"
  answer=$(curl -s --fail --max-time 30 -X POST "$(base_url)/admin/clients" \
    -H "Authorization: Bearer $admin" -H 'Content-Type: application/json' \
    -d '{"client_name":"bench service","grant_types":["client_credentials"],"scope":"profile"}') ||
    die "registering the client credentials client failed"
  SERVICE_CLIENT_ID=$(jq -er .client_id <<<"$answer") || die "no client_id in: $answer"
  SERVICE_CLIENT_SECRET=$(jq -er .client_secret <<<"$answer") || die "no client_secret"
  log "client credentials client $SERVICE_CLIENT_ID registered"
}

# The server under load for run_gatling and cpu_split: Rotor (ROTOR_PID, base_url) unless
# TARGET_NAME, TARGET_PID and TARGET_URL name another (keycloak.sh sets them to its Keycloak).
TARGET_NAME=
TARGET_PID=
TARGET_URL=

# run_gatling SIMULATION TAG [-Dprop=value ...]: runs one simulation through the Gatling Maven
# plugin against the started server (see TARGET_NAME). Console output: target/bench/TAG-gatling.log; the measured
# window and the figures per request name: target/bench/TAG.json (written by the simulation);
# GATLING_DIR is set to the run's HTML report folder.
GATLING_DIR=
run_gatling() {
  local simulation=$1 tag=$2
  shift 2
  local lc
  lc=$(tr '[:upper:]' '[:lower:]' <<<"$simulation")
  rm -f "$BENCH_OUT/$tag.json" "$BENCH_OUT/$tag-cpu.json"
  log "gatling: $simulation ($tag) against ${TARGET_NAME:-rotor} clients=$CLIENTS warm-up=${WARMUP}s measured=${DURATION}s"
  cpu_split "$BENCH_OUT/$tag-cpu.json" "$((WARMUP + 5))" "$((DURATION - 10))" &
  local sampler=$!
  (cd "$BENCH_ROOT" && mvn -B gatling:test \
    -Dgatling.simulationClass="dev.rotor.bench.$simulation" \
    -Dgatling.runDescription="$tag" \
    -Dbench.target="${TARGET_NAME:-rotor}" \
    -Dbench.baseUrl="${TARGET_URL:-$(base_url)}" \
    -Dbench.clients="$CLIENTS" \
    -Dbench.warmup="$WARMUP" \
    -Dbench.duration="$DURATION" \
    -Dbench.users="$USERS" \
    -Dbench.userPrefix="$USER_PREFIX" \
    -Dbench.password="$BENCH_PASSWORD" \
    -Dbench.resultFile="$BENCH_OUT/$tag.json" \
    "$@") >"$BENCH_OUT/$tag-gatling.log" 2>&1 ||
    {
      tail -n 40 "$BENCH_OUT/$tag-gatling.log" >&2
      die "gatling run $tag failed (log: target/bench/$tag-gatling.log)"
    }
  # Done long before Gatling in a full run; a run ended early (purge.sh's stop file) gets none.
  pkill -P "$sampler" 2>/dev/null || true
  kill "$sampler" 2>/dev/null || true
  wait "$sampler" 2>/dev/null || true
  GATLING_DIR=$(ls -d "$BENCH_ROOT/target/gatling/$lc"-* 2>/dev/null | sort | tail -n 1 || true)
  [[ $(jq -r .phase "$BENCH_OUT/$tag.json" 2>/dev/null) == done ]] ||
    die "the simulation wrote no result (target/bench/$tag.json)"
}

# Busy CPU ticks: of the whole machine (/proc/stat: all but idle and iowait), of one process, of
# every PostgreSQL process.
cpu_ticks_all() { awk '/^cpu / {print $2 + $3 + $4 + $7 + $8}' /proc/stat; }
cpu_ticks_steal() { awk '/^cpu / {print $9}' /proc/stat; }
cpu_ticks_pid() { awk '{print $14 + $15}' "/proc/$1/stat" 2>/dev/null || echo 0; }
cpu_ticks_postgres() {
  local sum=0 p
  for p in $(pgrep -u postgres 2>/dev/null); do
    sum=$((sum + $(cpu_ticks_pid "$p")))
  done
  echo "$sum"
}

# wal_counters: "BYTES RECORDS FULL_PAGE_IMAGES" PostgreSQL has written to its WAL since its
# statistics were reset (pg_stat_wal, PostgreSQL 14+), or "0 0 0" without psql or a database:
# the database work per request that does not depend on how busy the machine is.
wal_counters() {
  psql_bench -Atc "SELECT wal_bytes::bigint || ' ' || wal_records || ' ' || wal_fpi FROM pg_stat_wal" \
    2>/dev/null || echo "0 0 0"
}

# jit_ticks PID: "TID TICKS" of each JIT compiler thread (C1, C2) of process PID.
jit_ticks() {
  local t s
  for t in /proc/"$1"/task/*; do
    # read, not $(cat ...): no process per thread (a Payara JVM has a few hundred threads).
    read -r s 2>/dev/null <"$t/stat" || continue
    [[ $s == *"(C1 CompilerThre) "* || $s == *"(C2 CompilerThre) "* ]] || continue
    # After "pid (comm) ", utime and stime are fields 12 and 13.
    echo "${t##*/} $(awk '{sub(/^.*\) /, ""); print $12 + $13}' <<<"$s")"
  done
}

# jit_ticks_between BEFORE AFTER: compiler ticks spent between two jit_ticks snapshots (a thread
# started in between counts whole; one that ended in between is lost: compiler threads come and go).
jit_ticks_between() {
  awk 'NR == FNR {before[$1] = $2; next} {sum += $2 - ($1 in before ? before[$1] : 0)}
    END {print sum + 0}' <(echo "$1") <(echo "$2")
}

# cpu_split FILE DELAY_S WINDOW_S: after DELAY_S, measures for WINDOW_S seconds where the
# machine's CPU goes: the server's JVM (Rotor's, or TARGET_PID's; and of it, its JIT compiler
# threads: more than a few hundredths of a core means the server was still warming up),
# PostgreSQL, and the rest (Gatling's JVM and anything else), in cores (1.0 = one core busy the
# whole window). Writes FILE as JSON: server_cores and server_jit_cores, and the same figures
# under the server's name (rotor_cores, rotor_jit_cores; keycloak_cores, ...).
cpu_split() {
  local file=$1 delay=$2 window=$3
  ((window > 0)) || return 0
  sleep "$delay"
  local pid=${TARGET_PID:-$ROTOR_PID} name=${TARGET_NAME:-rotor}
  local hz all0 server0 pg0 steal0 jit0 all1 server1 pg1 steal1 jit1
  hz=$(getconf CLK_TCK)
  all0=$(cpu_ticks_all) server0=$(cpu_ticks_pid "$pid") pg0=$(cpu_ticks_postgres)
  steal0=$(cpu_ticks_steal) jit0=$(jit_ticks "$pid")
  local wal0 wal1
  read -r -a wal0 <<<"$(wal_counters)"
  sleep "$window"
  all1=$(cpu_ticks_all) server1=$(cpu_ticks_pid "$pid") pg1=$(cpu_ticks_postgres)
  steal1=$(cpu_ticks_steal) jit1=$(jit_ticks "$pid")
  read -r -a wal1 <<<"$(wal_counters)"
  jq -n --argjson walb $((wal1[0] - wal0[0])) --argjson walr $((wal1[1] - wal0[1])) \
    --argjson walf $((wal1[2] - wal0[2])) \
    --argjson hz "$hz" --argjson w "$window" --argjson all $((all1 - all0)) \
    --arg name "$name" --argjson server $((server1 - server0)) --argjson pg $((pg1 - pg0)) \
    --argjson steal $((steal1 - steal0)) --argjson jit "$(jit_ticks_between "$jit0" "$jit1")" '
    def cores(t): (t / $hz / $w * 100 | round) / 100;
    {window_s: $w, machine_busy_cores: cores($all), server: $name,
     server_cores: cores($server), server_jit_cores: cores($jit),
     ($name + "_cores"): cores($server), ($name + "_jit_cores"): cores($jit),
     postgres_cores: cores($pg),
     postgres_wal_bytes: $walb, postgres_wal_records: $walr, postgres_wal_full_page_images: $walf,
     rest_cores: cores($all - $server - $pg), stolen_cores: cores($steal),
     note: "rest = the load generator (Gatling JVM) and anything else on the machine; server_jit_cores = of server_cores, its JIT compilers (above a few hundredths: still warming up)"}' >"$file"
}

# request_json TAG REQUEST_NAME: the measured figures of one request name of run TAG as JSON:
# throughput (successful requests / measured window), latency percentiles of the successful
# requests (ms), error count, and where Gatling's HTML report is.
request_json() {
  local tag=$1 name=$2 cpu=null
  [[ ! -s $BENCH_OUT/$tag-cpu.json ]] || cpu=$(cat "$BENCH_OUT/$tag-cpu.json")
  jq --arg name "$name" --arg report "${GATLING_DIR#"$BENCH_ROOT"/}/index.html" \
    --argjson cpu "$cpu" '
    .requests[$name] as $r
    | if $r == null then {request: $name, error: "no such request in the run"}
      else {request: $name, measured_seconds, clients} + $r
        + {cpu_split: $cpu, gatling_report: $report} end' \
    "$BENCH_OUT/$tag.json"
}

# per_op_json REQUEST_JSON: the comparison figures of one request_json answer: rate, p99, errors,
# and the CPU of the server's JVM and of PostgreSQL per request (ms: cores of the CPU split /
# requests per second), null where the run has no CPU split.
per_op_json() {
  jq '
    def per_op(c): if c == null or (.throughput_rps // 0) == 0 then null
      else (c / .throughput_rps * 1000 * 100 | round) / 100 end;
    {throughput_rps, p50_ms, p99_ms, errors,
     server_cpu_ms_per_op: per_op(.cpu_split.server_cores),
     postgres_cpu_ms_per_op: per_op(.cpu_split.postgres_cores),
     postgres_wal_bytes_per_op: (if (.throughput_rps // 0) == 0 or .cpu_split.postgres_wal_bytes == null
       then null else (.cpu_split.postgres_wal_bytes / .cpu_split.window_s / .throughput_rps | round) end),
     server_cores: .cpu_split.server_cores, server_jit_cores: .cpu_split.server_jit_cores,
     postgres_cores: .cpu_split.postgres_cores}' <<<"$1"
}
