#!/usr/bin/env bash
# Rotor load benchmark: one command, see BENCHMARKS.md.
#
#   benchmarks/run.sh [--h2] [--clients 16] [--warmup 180] [--duration 60] [--users N]
#                     [--scenarios refresh,me,login,storm,client-credentials] [--no-jmh] [--no-build]
#                     [--server payara-micro|wildfly|payara-server] [--compare keycloak] [--profile]
#
# Builds if needed, measures the raw Argon2id hash rate (JMH), resets the PostgreSQL schema
# rotor_bench (or uses a fresh embedded H2 with --h2), starts the WAR on a free port of
# 127.0.0.1 (Payara Micro: target/rotor.jar with -Xmx256m; --server wildfly or payara-server:
# server-config/NAME/start.sh, the server's stock heap) and times its start-up, registers the users, runs the Gatling scenarios
# (each: warm-up, then the measured window), reads the server's RSS after the refresh scenario,
# prints a table, writes target/bench/summary.json and stops the server.
# --compare keycloak: then, with Rotor stopped, the same refresh and client-credentials scenarios
# (those of --scenarios) against Keycloak (benchmarks/keycloak.sh), and both servers' figures and
# their ratio in summary.json; without --scenarios it runs the refresh scenario only, and no JMH.
# client-credentials (not in the default set): the client credentials grant of one confidential
# client (HTTP Basic) in a closed loop, registered through /admin/clients before it runs.
# --profile: records the first scenario's measured window on Rotor with JFR (CPU samples, stacks
# of up to 256 frames; Payara Micro only) into target/bench/rotor.jfr, and its top frames into
# target/bench/profile.txt (dev.rotor.bench.ProfileSummary).
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"

DB=postgresql
CLIENTS=16
WARMUP=180
DURATION=60
USERS=
SCENARIOS=refresh,me,login,storm
JMH=yes
BUILD=yes
USER_PREFIX=bench-user-
SCHEMA=rotor_bench
JMH_OPTS=${JMH_OPTS:--wi 3 -w 3s -i 5 -r 3s}
COMPARE=
SCENARIOS_GIVEN=no
PROFILE=no

usage() { sed -n '2,19p' "$0" | sed 's/^# \{0,1\}//'; }

while (($#)); do
  case $1 in
    --h2) DB=h2 ;;
    --clients) CLIENTS=$2; shift ;;
    --warmup) WARMUP=$2; shift ;;
    --duration) DURATION=$2; shift ;;
    --users) USERS=$2; shift ;;
    --scenarios) SCENARIOS=$2; SCENARIOS_GIVEN=yes; shift ;;
    --no-jmh) JMH=no ;;
    --no-build) BUILD=no ;;
    --server) ROTOR_SERVER=$2; shift ;;
    --compare) COMPARE=$2; shift ;;
    --profile) PROFILE=yes ;;
    -h | --help) usage; exit 0 ;;
    *) usage >&2; die "unknown option $1" ;;
  esac
  shift
done
USERS=${USERS:-$CLIENTS}
[[ -f $BENCH_ROOT/server-config/$ROTOR_SERVER/start.sh || $ROTOR_SERVER == payara-micro ]] ||
  die "--server: payara-micro, wildfly or payara-server"
((USERS >= CLIENTS)) || die "--users must be at least --clients (one refresh chain per user)"
if [[ -n $COMPARE ]]; then
  [[ $COMPARE == keycloak ]] || die "--compare: keycloak is the only one"
  [[ $DB == postgresql ]] || die "--compare keycloak runs on PostgreSQL (Keycloak's database too): drop --h2"
  # The refresh scenario alone unless told; the Argon2id rate only explains logins.
  if [[ $SCENARIOS_GIVEN == no ]]; then
    SCENARIOS=refresh
    JMH=no
  fi
  [[ ,$SCENARIOS, == *,refresh,* || ,$SCENARIOS, == *,client-credentials,* ]] ||
    die "--compare keycloak compares the refresh and client-credentials scenarios: add one to --scenarios"
  # shellcheck source=benchmarks/keycloak.sh
  source "$(dirname "${BASH_SOURCE[0]}")/keycloak.sh"
  require_tools unzip
fi

require_tools java mvn curl jq ss awk
[[ $DB == h2 ]] || require_tools psql
mkdir -p "$BENCH_OUT"
stop_servers() {
  stop_rotor
  [[ -z $COMPARE ]] || kc_stop
}
trap stop_servers EXIT
trap 'exit 130' INT TERM

[[ $BUILD == no ]] || build_if_needed
# Download, unpack and `kc.sh build` before anything is measured.
[[ -z $COMPARE ]] || kc_provision

# --- Raw Argon2id hash rate on this machine (before the server starts: a quiet CPU) ----------
ARGON2_1T=null
ARGON2_NT=null
NPROC=$(nproc)
# All cores again just before and just after the login scenario, with the server idle.
ARGON2_LOGIN_BEFORE=null
ARGON2_LOGIN_AFTER=null
# The engine the server hashes with: libargon2 unless ROTOR_PASSWORD_ARGON2_NATIVE=false.
ARGON2_ENGINE=native
[[ ${ROTOR_PASSWORD_ARGON2_NATIVE:-true} != false ]] || ARGON2_ENGINE=bc
# jmh_argon2 THREADS [SUFFIX]
jmh_argon2() {
  local threads=$1 name="jmh-argon2-t$1${2:-}"
  local out="$BENCH_OUT/$name.json"
  (cd "$BENCH_ROOT" && java -cp "target/test-classes:target/classes:$(cat target/bench.classpath)" \
    org.openjdk.jmh.Main 'HotPathBenchmark.argon2idHash' -p engine="$ARGON2_ENGINE" -f 1 -t "$threads" $JMH_OPTS \
    -rf json -rff "$out") >"$BENCH_OUT/$name.log" 2>&1 ||
    die "JMH failed (log: target/bench/$name.log)"
  jq '.[0].primaryMetric.score * 10 | round / 10' "$out"
}
if [[ $JMH == yes ]]; then
  log "JMH: Argon2id (m=19456 KiB, t=2, p=1, $ARGON2_ENGINE) hashes per second, 1 thread and $NPROC threads"
  ARGON2_1T=$(jmh_argon2 1)
  ARGON2_NT=$(jmh_argon2 "$NPROC")
  log "Argon2id: $ARGON2_1T/s on 1 thread, $ARGON2_NT/s on $NPROC threads"
fi

# --- Server ---------------------------------------------------------------------------------
ENV=(ROTOR_ADMIN_USERNAME=$ADMIN_USER ROTOR_ADMIN_PASSWORD=$ADMIN_PASSWORD
  ROTOR_PURGE_INITIAL_DELAY=PT1H)
# The brute-force limits stay on (Rotor's defaults), but the login scenario measures the hash
# rate, and every Gatling client shares one address: with it, the address budget is off unless
# the caller sets ROTOR_THROTTLE_ADDRESS_PER_MINUTE. The storm runs with the limits on.
if [[ ,$SCENARIOS, == *,login,* && -z ${ROTOR_THROTTLE_ADDRESS_PER_MINUTE:-} ]]; then
  log "login scenario: no per-address budget (ROTOR_THROTTLE_ADDRESS_PER_MINUTE=0)"
  ENV+=(ROTOR_THROTTLE_ADDRESS_PER_MINUTE=0)
fi
if [[ $DB == h2 ]]; then
  rm -rf "$BENCH_OUT/h2-data"
  ENV+=(ROTOR_DATA_DIR="$BENCH_OUT/h2-data")
else
  reset_schema "$SCHEMA"
  ENV+=(ROTOR_DB_URL="jdbc:postgresql://$PG_HOST:$PG_PORT/$PG_DB?currentSchema=$SCHEMA"
    ROTOR_DB_USER="$PG_USER" ROTOR_DB_PASSWORD=)
fi
if [[ $PROFILE == yes ]]; then
  [[ $ROTOR_SERVER == payara-micro ]] || die "--profile: Payara Micro only"
  rm -f "$BENCH_OUT/rotor.jfr"
  # The first scenario's measured window (after start-up, registration and its warm-up).
  ROTOR_JAVA_OPTS="${ROTOR_JAVA_OPTS:-} -XX:FlightRecorderOptions:stackdepth=256
    -XX:StartFlightRecording=settings=profile,delay=$((WARMUP + 30))s,duration=$((DURATION - 10))s,filename=$BENCH_OUT/rotor.jfr"
  export ROTOR_JAVA_OPTS
  log "profile: JFR from ${WARMUP}s + 30s after start for $((DURATION - 10))s into target/bench/rotor.jfr"
fi
start_rotor "$BENCH_OUT/server.log" "${ENV[@]}"
RSS_READY=$(rss_kib)
register_users "$USER_PREFIX" "$USERS"

# --- Scenarios ------------------------------------------------------------------------------
declare -A RESULT
TAGS=()
RSS_AFTER_REFRESH=null
for scenario in ${SCENARIOS//,/ }; do
  # After the first scenario's churn, as auto-analyze would (BENCHMARKS.md, Method).
  if [[ $DB == postgresql && ${BENCH_ANALYZE:-yes} == yes && ${#TAGS[@]} -gt 0 ]]; then
    log "PostgreSQL: ANALYZE of schema $SCHEMA"
    analyze_schema "$SCHEMA"
  fi
  case $scenario in
    refresh)
      run_gatling RefreshSimulation refresh
      TAGS+=(refresh)
      RESULT[refresh]=$(request_json refresh refresh)
      RSS_AFTER_REFRESH=$(rss_kib)
      ;;
    me)
      run_gatling UsersMeVsJwksSimulation me-vs-jwks
      TAGS+=(me-vs-jwks)
      RESULT[users_me]=$(request_json me-vs-jwks users/me)
      RESULT[jwks]=$(request_json me-vs-jwks jwks)
      ;;
    login)
      # The machine's speed drifts over minutes (the same JMH run gave 104-130 hashes/s within
      # 20 minutes), so logins are compared with the hash rate of the minutes around them.
      if [[ $JMH == yes ]]; then
        ARGON2_LOGIN_BEFORE=$(jmh_argon2 "$NPROC" -before-login)
        log "Argon2id just before the login scenario (server idle): $ARGON2_LOGIN_BEFORE/s on $NPROC threads"
      fi
      run_gatling LoginSimulation login
      if [[ $JMH == yes ]]; then
        ARGON2_LOGIN_AFTER=$(jmh_argon2 "$NPROC" -after-login)
        log "Argon2id just after the login scenario (server idle): $ARGON2_LOGIN_AFTER/s on $NPROC threads"
      fi
      TAGS+=(login)
      RESULT[login]=$(request_json login login)
      ;;
    storm)
      run_gatling LoginStormSimulation storm
      TAGS+=(storm)
      RESULT[refresh_login_storm]=$(request_json storm "refresh (login storm)")
      RESULT[login_storm]=$(request_json storm "login (storm)")
      ;;
    client-credentials)
      register_service_client
      run_gatling ClientCredentialsSimulation client-credentials \
        -Dbench.serviceClientId="$SERVICE_CLIENT_ID" -Dbench.serviceClientSecret="$SERVICE_CLIENT_SECRET"
      TAGS+=(client-credentials)
      RESULT[client_credentials]=$(request_json client-credentials client-credentials)
      ;;
    *) die "unknown scenario $scenario (refresh, me, login, storm, client-credentials)" ;;
  esac
done
RSS_END=$(rss_kib)
stop_rotor
if [[ $PROFILE == yes ]]; then
  if [[ -s $BENCH_OUT/rotor.jfr ]]; then
    java -cp "$BENCH_ROOT/target/test-classes" dev.rotor.bench.ProfileSummary "$BENCH_OUT/rotor.jfr" 30 \
      >"$BENCH_OUT/profile.txt"
    log "profile: top frames in target/bench/profile.txt"
  else
    log "profile: no recording (was the run shorter than its warm-up + 30 s?)"
  fi
fi

# --- Keycloak, the same refresh and client-credentials scenarios, Rotor stopped ---------------
COMPARE_JSON=null
CC_COMPARE_JSON=null
if [[ $COMPARE == keycloak ]]; then
  kc_start "$BENCH_OUT/keycloak.log"
  KC_RSS_READY=$(kc_rss_kib)
  kc_setup "$USER_PREFIX" "$USERS"
  if [[ -n ${RESULT[refresh]:-} ]]; then
    kc_refresh_run keycloak-refresh
    TAGS+=(keycloak-refresh)
    KC_RESULT=$(request_json keycloak-refresh refresh)
  fi
  KC_RSS_AFTER=$(kc_rss_kib)
  if [[ -n ${RESULT[client_credentials]:-} ]]; then
    kc_client_credentials_run keycloak-client-credentials
    TAGS+=(keycloak-client-credentials)
    KC_CC_RESULT=$(request_json keycloak-client-credentials client-credentials)
  fi
  kc_stop
  if [[ -n ${RESULT[refresh]:-} ]]; then
    COMPARE_JSON=$(jq -n --argjson keycloak "$(kc_config_json)" --argjson startup "$KC_STARTUP_MS" \
      --argjson rss_ready "$KC_RSS_READY" --argjson rss_after "$KC_RSS_AFTER" \
      --argjson kc_refresh "$KC_RESULT" --argjson kc "$(per_op_json "$KC_RESULT")" \
      --argjson rotor "$(per_op_json "${RESULT[refresh]}")" '
      def ratio(a; b): if a == null or b == null or b == 0 then null
        else (a / b * 100 | round) / 100 end;
      {what: "refresh with rotation, the same Gatling scenario (RefreshSimulation), one server after the other on this machine, never both under load",
       keycloak: ($keycloak + {startup_ms: $startup,
                               rss_mib: {ready: ($rss_ready / 1024 | round),
                                         after_refresh: ($rss_after / 1024 | round)},
                               refresh: $kc_refresh}),
       figures: {rotor: $rotor, keycloak: $kc},
       ratio_rotor_over_keycloak: {refresh_rate: ratio($rotor.throughput_rps; $kc.throughput_rps),
                                   p99: ratio($rotor.p99_ms; $kc.p99_ms)},
       note: "rates in refreshes/s, p99 in ms, CPU per refresh in ms (cores of the CPU split / rate); a ratio below 1 for p99 means Rotor is faster"}')
  fi
  if [[ -n ${RESULT[client_credentials]:-} ]]; then
    CC_COMPARE_JSON=$(jq -n --argjson keycloak "$(kc_config_json)" \
      --argjson kc_cc "$KC_CC_RESULT" --argjson kc "$(per_op_json "$KC_CC_RESULT")" \
      --argjson rotor "$(per_op_json "${RESULT[client_credentials]}")" '
      def ratio(a; b): if a == null or b == null or b == 0 then null
        else (a / b * 100 | round) / 100 end;
      {what: "client credentials grant of one confidential client (HTTP Basic), the same Gatling scenario (ClientCredentialsSimulation), one server after the other on this machine, never both under load",
       keycloak: ($keycloak + {client_credentials: $kc_cc}),
       figures: {rotor: $rotor, keycloak: $kc},
       ratio_rotor_over_keycloak: {rate: ratio($rotor.throughput_rps; $kc.throughput_rps),
                                   p99: ratio($rotor.p99_ms; $kc.p99_ms)},
       note: "rates in grants/s, p99 in ms, CPU per grant in ms (cores of the CPU split / rate); a ratio below 1 for p99 means Rotor is faster"}')
  fi
fi

# --- Summary --------------------------------------------------------------------------------
scenarios_json=$(for k in "${!RESULT[@]}"; do jq -n --arg k "$k" --argjson v "${RESULT[$k]}" \
  '{($k): $v}'; done | jq -s 'add // {}')
jq -n \
  --arg when "$(date -u +%Y-%m-%dT%H:%M:%SZ)" \
  --arg commit "$(git -C "$BENCH_ROOT" rev-parse --short HEAD 2>/dev/null || echo unknown)" \
  --arg cpu "$(awk -F': ' '/model name/ {print $2; exit}' /proc/cpuinfo)" \
  --arg java "$(java -version 2>&1 | head -n 1)" \
  --arg db "$DB" --arg server "$ROTOR_SERVER" --argjson nproc "$NPROC" \
  --argjson clients "$CLIENTS" --argjson warmup "$WARMUP" --argjson duration "$DURATION" \
  --argjson users "$USERS" --argjson startup "$STARTUP_MS" \
  --argjson rss_ready "$RSS_READY" --argjson rss_refresh "$RSS_AFTER_REFRESH" \
  --argjson rss_end "$RSS_END" \
  --arg engine "$ARGON2_ENGINE" --argjson a1 "$ARGON2_1T" --argjson an "$ARGON2_NT" \
  --argjson lb "$ARGON2_LOGIN_BEFORE" --argjson la "$ARGON2_LOGIN_AFTER" \
  --argjson scenarios "$scenarios_json" --argjson compare "$COMPARE_JSON" \
  --argjson compare_cc "$CC_COMPARE_JSON" '
  {
    kind: "rotor load benchmark (benchmarks/run.sh)",
    when: $when, commit: $commit,
    machine: {cpu: $cpu, cores: $nproc, java: $java,
              note: "load generator (Gatling), server and database share these cores"},
    config: {server: $server, database: $db,
             server_heap: (if $server == "payara-micro" then "-Xmx256m" else "the server'"'"'s stock heap" end),
             clients: $clients, warmup_s: $warmup,
             duration_s: $duration, users: $users},
    startup_ms: $startup,
    rss_mib: {ready: ($rss_ready / 1024 | round),
              after_refresh: (if $rss_refresh == null then null
                              else ($rss_refresh / 1024 | round) end),
              end: ($rss_end / 1024 | round)},
    argon2id: {params: "m=19456 KiB, t=2, p=1", engine: $engine, hashes_per_s_1_thread: $a1,
               hashes_per_s_all_threads: $an,
               hashes_per_s_all_threads_just_before_login: $lb,
               hashes_per_s_all_threads_just_after_login: $la,
               threads: $nproc,
               login_share_of_hash_rate:
                 (if $lb == null or $la == null or $scenarios.login == null then null
                  else ($scenarios.login.throughput_rps / (($lb + $la) / 2) * 100 | round) / 100
                  end)},
    scenarios: $scenarios,
    compare_keycloak: $compare,
    compare_keycloak_client_credentials: $compare_cc,
    keycloak_reference: {refresh_rps: "390-450", login_rps: "16-18",
                         introspection_rps: "2200-2500", startup_s: "14-18",
                         rss_mib: "670-730 (-Xmx512m)",
                         source: "docs/architecture.md, platform facts"}
  }' >"$BENCH_OUT/summary.json"

fmt() { [[ $1 == null || -z $1 ]] && echo "-" || echo "$1"; }
row() {
  local key=$1 label=$2 ref=$3 j=${RESULT[$1]:-}
  if [[ -z $j ]]; then
    printf '%-22s %9s %7s %7s %7s %7s %7s   %s\n' "$label" - - - - - - "$ref"
    return
  fi
  printf '%-22s %9s %7s %7s %7s %7s %7s   %s\n' "$label" \
    "$(fmt "$(jq -r .throughput_rps <<<"$j")")" "$(fmt "$(jq -r .p50_ms <<<"$j")")" \
    "$(fmt "$(jq -r .p90_ms <<<"$j")")" "$(fmt "$(jq -r .p99_ms <<<"$j")")" \
    "$(fmt "$(jq -r .max_ms <<<"$j")")" "$(fmt "$(jq -r .errors <<<"$j")")" "$ref"
}
echo
echo "Rotor benchmark ($ROTOR_SERVER, $DB, $CLIENTS clients, warm-up ${WARMUP}s, measured ${DURATION}s, $NPROC cores shared with Gatling)"
printf '%-22s %9s %7s %7s %7s %7s %7s   %s\n' scenario "req/s" "p50" "p90" "p99" "max" "errors" "Keycloak ref."
row refresh "refresh (rotation)" "390-450/s"
row users_me "GET /users/me" "introspection 2,200-2,500/s"
row jwks "GET jwks (unauth.)" ""
row login "login" "16-18/s"
row refresh_login_storm "refresh, login storm" "same clients as refresh, plus $CLIENTS logging in"
row login_storm "login storm" ""
row client_credentials "client credentials" "120/s per vCPU (Keycloak's sizing guide)"
printf '%-22s %9s   %s\n' "start-up (ms)" "$STARTUP_MS" "14,000-18,000 ms"
printf '%-22s %9s   %s\n' "RSS after refresh" \
  "$(jq -r '.rss_mib.after_refresh // "-"' "$BENCH_OUT/summary.json") MiB" "670-730 MiB (-Xmx512m)"
printf '%-22s %9s   %s\n' "Argon2id hashes/s, 1T" "$(fmt "$ARGON2_1T")" "JMH, no server running"
printf '%-22s %9s   %s\n' "Argon2id hashes/s, ${NPROC}T" "$(fmt "$ARGON2_NT")" \
  "= ceiling for logins/s on this machine (one hash per login)"
printf '%-22s %9s   %s\n' "Argon2id, ${NPROC}T login" "$(fmt "$ARGON2_LOGIN_BEFORE") $(fmt "$ARGON2_LOGIN_AFTER")" \
  "just before / after the login scenario; login share of the mean: $(jq -r '.argon2id.login_share_of_hash_rate // "-"' "$BENCH_OUT/summary.json")"
echo "(latencies in ms of successful requests; summary: target/bench/summary.json)"
echo
echo "CPU split in the measured window, cores (of $NPROC): machine busy = server + PostgreSQL + rest (Gatling);"
echo "JIT: the server's compiler threads, part of its figure (above a few hundredths, it was still warming up)"
for tag in "${TAGS[@]}"; do
  f="$BENCH_OUT/$tag-cpu.json"
  [[ -s $f ]] || continue
  jq -r --arg tag "$tag" '"\($tag | . + "                " | .[:16]) busy \(.machine_busy_cores)  \(.server) \(.server_cores) (JIT \(.server_jit_cores))  postgres \(.postgres_cores)  rest \(.rest_cores)  stolen \(.stolen_cores)"' "$f"
done
if [[ -n ${RESULT[refresh]:-} ]]; then
  per_op_json "${RESULT[refresh]}" | jq -r '"refresh, per request: Rotor CPU \(.server_cpu_ms_per_op // "-") ms, PostgreSQL CPU \(.postgres_cpu_ms_per_op // "-") ms, WAL \(.postgres_wal_bytes_per_op // "-") bytes"'
fi
if [[ $COMPARE == keycloak && -n ${RESULT[refresh]:-} ]]; then
  echo
  echo "Rotor vs Keycloak $KEYCLOAK_VERSION, refresh with rotation, same run, one after the other ($CLIENTS clients, warm-up ${WARMUP}s, measured ${DURATION}s)"
  jq -r '.compare_keycloak as $c
    | def cell(v): (v // "-") | tostring;
      def line(name; f): "\(name | . + "                  " | .[:18]) \(cell(f.throughput_rps) | "         " + . | .[-9:]) \(cell(f.p99_ms) | "       " + . | .[-7:]) \(cell(f.errors) | "       " + . | .[-7:]) \(cell(f.server_cpu_ms_per_op) | "           " + . | .[-11:]) \(cell(f.postgres_cpu_ms_per_op) | "           " + . | .[-11:]) \(cell(f.postgres_wal_bytes_per_op) | "          " + . | .[-10:])";
      "server                 req/s     p99  errors  server CPU  PostgreSQL  WAL bytes",
      "                                  ms          ms/refresh  ms/refresh  /refresh",
      line("Rotor"; $c.figures.rotor), line("Keycloak"; $c.figures.keycloak),
      "Rotor / Keycloak: rate \(cell($c.ratio_rotor_over_keycloak.refresh_rate))x, p99 \(cell($c.ratio_rotor_over_keycloak.p99))x"' \
    "$BENCH_OUT/summary.json"
fi
if [[ $COMPARE == keycloak && -n ${RESULT[client_credentials]:-} ]]; then
  echo
  echo "Rotor vs Keycloak $KEYCLOAK_VERSION, client credentials grant, same run, one after the other ($CLIENTS clients, warm-up ${WARMUP}s, measured ${DURATION}s)"
  jq -r '.compare_keycloak_client_credentials as $c
    | def cell(v): (v // "-") | tostring;
      def line(name; f): "\(name | . + "                  " | .[:18]) \(cell(f.throughput_rps) | "         " + . | .[-9:]) \(cell(f.p99_ms) | "       " + . | .[-7:]) \(cell(f.errors) | "       " + . | .[-7:]) \(cell(f.server_cpu_ms_per_op) | "           " + . | .[-11:]) \(cell(f.postgres_cpu_ms_per_op) | "           " + . | .[-11:])";
      "server                 req/s     p99  errors  server CPU  PostgreSQL",
      "                                  ms            ms/grant    ms/grant",
      line("Rotor"; $c.figures.rotor), line("Keycloak"; $c.figures.keycloak),
      "Rotor / Keycloak: rate \(cell($c.ratio_rotor_over_keycloak.rate))x, p99 \(cell($c.ratio_rotor_over_keycloak.p99))x"' \
    "$BENCH_OUT/summary.json"
fi
