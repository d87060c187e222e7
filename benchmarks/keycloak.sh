#!/usr/bin/env bash
# Keycloak under Rotor's refresh scenario, for the comparison: see BENCHMARKS.md.
#
#   benchmarks/keycloak.sh [--clients 16] [--warmup 180] [--duration 60] [--users N] [--no-build]
#
# Provisions Keycloak from Maven Central (org.keycloak:keycloak-quarkus-dist, KEYCLOAK_VERSION,
# unpacked under target/keycloak, `kc.sh build --db=postgres --health-enabled=true`), recreates
# schema keycloak_bench, starts it in production mode (`kc.sh start --optimized`, its stock heap)
# with Java 21+ on free ports of 127.0.0.1, creates the realm, the client and the users of
# run.sh, runs RefreshSimulation against its token endpoint (-Dbench.target=keycloak), prints the
# figures, writes target/bench/keycloak-summary.json and stops Keycloak.
# Sourced (benchmarks/run.sh --compare keycloak): only defines the kc_* functions.

# Once: run.sh has sourced it already.
if ! declare -F request_json >/dev/null; then
  # shellcheck source=benchmarks/lib.sh
  source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"
fi

# The newest keycloak-quarkus-dist that Maven Central serves here (see BENCHMARKS.md).
KEYCLOAK_VERSION=${KEYCLOAK_VERSION:-26.7.3}
KC_SCHEMA=keycloak_bench
KC_REALM=rotor-bench
KC_CLIENT=rotor-bench
# The confidential client of the client credentials scenario (service accounts on).
KC_SERVICE_CLIENT=rotor-bench-service
KC_SERVICE_SECRET=${KC_SERVICE_SECRET:-$(od -An -tx1 -N24 /dev/urandom | tr -d ' \n')}
KC_ADMIN_USER=$ADMIN_USER
KC_ADMIN_PASSWORD=$ADMIN_PASSWORD
# Realm settings: rotation with replay detection, and Rotor's default lifetimes (access token
# PT5M, a refresh token dies after P14D unused, a session lives P30D at most).
KC_ACCESS_TOKEN_S=300
KC_SESSION_IDLE_S=1209600
KC_SESSION_MAX_S=2592000
# A build option that differs from the last build's triggers `kc.sh build` again.
KC_BUILD_OPTIONS=(--db=postgres --health-enabled=true)

KC_HOME=
KC_JAVA_HOME=
KC_LAUNCHER_PID=
KC_PID=
KC_PORT=
KC_MGMT_PORT=
KC_STARTUP_MS=

kc_url() { echo "http://127.0.0.1:$KC_PORT"; }

# kc_java_home: prints a JDK of Java 21 or later (Keycloak 26 needs it; Rotor stays on the
# default java): KEYCLOAK_JAVA_HOME if set, else the newest under /usr/lib/jvm.
kc_java_home() {
  if [[ -n ${KEYCLOAK_JAVA_HOME:-} ]]; then
    [[ -x $KEYCLOAK_JAVA_HOME/bin/java ]] || die "KEYCLOAK_JAVA_HOME: no bin/java in $KEYCLOAK_JAVA_HOME"
    echo "$KEYCLOAK_JAVA_HOME"
    return 0
  fi
  local d v best='' best_v=0
  for d in /usr/lib/jvm/*/; do
    d=${d%/}
    [[ -x $d/bin/java && -f $d/release ]] || continue
    v=$(sed -n 's/^JAVA_VERSION="\([0-9]*\).*/\1/p' "$d/release")
    if [[ -n $v ]] && ((v >= 21 && v > best_v)); then
      best=$d best_v=$v
    fi
  done
  [[ -n $best ]] || die "Keycloak $KEYCLOAK_VERSION needs Java 21 or later: none under /usr/lib/jvm (set KEYCLOAK_JAVA_HOME)"
  echo "$best"
}

# kc_provision: the distribution (Maven Central through mvn, cached in the local repository),
# unpacked under target/keycloak/keycloak-VERSION, built for PostgreSQL with health checks on.
kc_provision() {
  local dir="$BENCH_ROOT/target/keycloak"
  local zip="$dir/keycloak-quarkus-dist-$KEYCLOAK_VERSION.zip"
  KC_HOME="$dir/keycloak-$KEYCLOAK_VERSION"
  KC_JAVA_HOME=$(kc_java_home)
  mkdir -p "$dir" "$BENCH_OUT"
  if [[ ! -s $zip ]]; then
    log "Keycloak $KEYCLOAK_VERSION: mvn dependency:copy org.keycloak:keycloak-quarkus-dist:$KEYCLOAK_VERSION:zip"
    (cd "$BENCH_ROOT" && mvn -B -q dependency:copy \
      -Dartifact="org.keycloak:keycloak-quarkus-dist:$KEYCLOAK_VERSION:zip" \
      -DoutputDirectory="$dir") >"$BENCH_OUT/keycloak-download.log" 2>&1 ||
      {
        tail -n 20 "$BENCH_OUT/keycloak-download.log" >&2
        die "cannot get keycloak-quarkus-dist $KEYCLOAK_VERSION (log: target/bench/keycloak-download.log)"
      }
  fi
  if [[ ! -x $KC_HOME/bin/kc.sh ]]; then
    log "Keycloak: unpacking into ${KC_HOME#"$BENCH_ROOT"/}"
    rm -rf "$KC_HOME"
    unzip -q "$zip" -d "$dir" || die "cannot unpack $zip"
    [[ -x $KC_HOME/bin/kc.sh ]] || die "no bin/kc.sh in $zip"
  fi
  local marker="$KC_HOME/.rotor-bench-build"
  local wanted="${KC_BUILD_OPTIONS[*]} java=$KC_JAVA_HOME"
  if [[ $(cat "$marker" 2>/dev/null) != "$wanted" ]]; then
    log "Keycloak: kc.sh build ${KC_BUILD_OPTIONS[*]} (Java: $KC_JAVA_HOME; about a minute)"
    rm -f "$marker"
    JAVA_HOME=$KC_JAVA_HOME timeout 600 "$KC_HOME/bin/kc.sh" build "${KC_BUILD_OPTIONS[@]}" \
      >"$BENCH_OUT/keycloak-build.log" 2>&1 ||
      {
        tail -n 30 "$BENCH_OUT/keycloak-build.log" >&2
        die "kc.sh build failed (log: target/bench/keycloak-build.log)"
      }
    echo "$wanted" >"$marker"
  else
    log "Keycloak $KEYCLOAK_VERSION is built (${KC_HOME#"$BENCH_ROOT"/})"
  fi
}

# kc_start LOGFILE: recreates schema keycloak_bench and starts Keycloak in production mode with
# the pre-built configuration (`kc.sh start --optimized`), HTTP, management (health) and cluster
# transport on free ports of 127.0.0.1, the bootstrap admin from the environment. Waits for
# /health/ready (at most KEYCLOAK_START_TIMEOUT s, default 300) and sets KC_PID (the JVM),
# KC_PORT and KC_STARTUP_MS (process start to ready).
kc_start() {
  local logfile=$1
  local timeout=${KEYCLOAK_START_TIMEOUT:-300}
  reset_schema "$KC_SCHEMA"
  KC_PORT=$(free_port)
  KC_MGMT_PORT=$(free_port)
  local cluster_port
  cluster_port=$(free_port)
  [[ $KC_PORT != "$KC_MGMT_PORT" && $KC_PORT != "$cluster_port" && $KC_MGMT_PORT != "$cluster_port" ]] ||
    die "free_port gave the same port twice; run again"
  log "starting Keycloak $KEYCLOAK_VERSION on 127.0.0.1:$KC_PORT, management :$KC_MGMT_PORT (log: ${logfile#"$BENCH_ROOT"/})"
  local t0
  t0=$(now_ms)
  # setsid: kc.sh and its JVM in a process group of their own. kc.sh passes SIGTERM on to the JVM.
  env -u JAVA_OPTS JAVA_HOME="$KC_JAVA_HOME" \
    KC_BOOTSTRAP_ADMIN_USERNAME="$KC_ADMIN_USER" KC_BOOTSTRAP_ADMIN_PASSWORD="$KC_ADMIN_PASSWORD" \
    setsid "$KC_HOME/bin/kc.sh" start --optimized \
    --http-enabled=true --hostname-strict=false \
    --http-host=127.0.0.1 --http-port="$KC_PORT" --http-management-port="$KC_MGMT_PORT" \
    --cache-embedded-network-bind-address=127.0.0.1 --cache-embedded-network-bind-port="$cluster_port" \
    --db-url="jdbc:postgresql://$PG_HOST:$PG_PORT/$PG_DB" --db-username="$PG_USER" \
    --db-schema="$KC_SCHEMA" \
    >"$logfile" 2>&1 &
  KC_LAUNCHER_PID=$!
  local code
  while :; do
    if ! kill -0 "$KC_LAUNCHER_PID" 2>/dev/null; then
      tail -n 30 "$logfile" >&2
      KC_LAUNCHER_PID=
      die "Keycloak exited during start-up"
    fi
    code=$(curl -s -o /dev/null -w '%{http_code}' --max-time 2 \
      "http://127.0.0.1:$KC_MGMT_PORT/health/ready" || true)
    [[ $code != 200 ]] || break
    if (($(now_ms) - t0 > timeout * 1000)); then
      tail -n 30 "$logfile" >&2
      die "Keycloak not ready after ${timeout}s (last answer: $code)"
    fi
    sleep 0.2
  done
  KC_STARTUP_MS=$(($(now_ms) - t0))
  KC_PID=$(pgrep -P "$KC_LAUNCHER_PID" -f QuarkusEntryPoint | head -n 1 || true)
  [[ -n $KC_PID ]] || die "no Keycloak JVM under pid $KC_LAUNCHER_PID"
  log "Keycloak ready after ${KC_STARTUP_MS} ms (JVM pid $KC_PID)"
}

# kc_stop: stops the Keycloak this script started.
kc_stop() {
  [[ -n ${KC_LAUNCHER_PID:-} ]] || return 0
  stop_launched Keycloak "$KC_LAUNCHER_PID" "${KC_PID:-}"
  KC_LAUNCHER_PID=
  KC_PID=
}

# kc_admin_token: an access token of the bootstrap admin (master realm, admin-cli; it lives 60 s).
kc_admin_token() {
  curl -s --fail --max-time 30 "$(kc_url)/realms/master/protocol/openid-connect/token" \
    --data-urlencode grant_type=password --data-urlencode client_id=admin-cli \
    --data-urlencode "username=$KC_ADMIN_USER" --data-urlencode "password=$KC_ADMIN_PASSWORD" |
    jq -er .access_token
}

# kc_admin TOKEN METHOD PATH [JSON]: one admin REST call (PATH below /admin/realms); prints the
# body, fails unless 2xx.
kc_admin() {
  local token=$1 method=$2 path=$3 body=${4:-}
  local args=(-s --max-time 30 -X "$method" -H "Authorization: Bearer $token" -w '\n%{http_code}')
  [[ -z $body ]] || args+=(-H 'Content-Type: application/json' -d "$body")
  local out code
  out=$(curl "${args[@]}" "$(kc_url)/admin/realms$path") || die "Keycloak admin API: $method $path failed"
  code=${out##*$'\n'}
  out=${out%$'\n'*}
  [[ $code == 2?? ]] || die "Keycloak admin API: $method $path: HTTP $code $out"
  printf '%s' "$out"
}

# kc_token GRANT_ARGS...: POST to the realm's token endpoint as the benchmark's client; prints
# the answer (any status).
kc_token() {
  local arg args=()
  for arg in "$@"; do
    args+=(--data-urlencode "$arg")
  done
  curl -s --max-time 30 "$(kc_url)/realms/$KC_REALM/protocol/openid-connect/token" \
    --data-urlencode client_id="$KC_CLIENT" "${args[@]}"
}

# kc_setup PREFIX COUNT: the realm (rotation, replay detection, Rotor's lifetimes), the public
# client with direct access grants, and the users PREFIX1..PREFIXCOUNT with $BENCH_PASSWORD; then
# checks rotation on user 1: a refresh answers a new refresh token, the spent one is refused.
kc_setup() {
  local prefix=$1 count=$2 token i token_at
  token=$(kc_admin_token) || die "no Keycloak admin token"
  log "Keycloak: realm $KC_REALM (revokeRefreshToken, refreshTokenMaxReuse=0), client $KC_CLIENT"
  kc_admin "$token" POST "" "$(jq -n --arg realm "$KC_REALM" --argjson at "$KC_ACCESS_TOKEN_S" \
    --argjson idle "$KC_SESSION_IDLE_S" --argjson max "$KC_SESSION_MAX_S" '
    {realm: $realm, enabled: true, revokeRefreshToken: true, refreshTokenMaxReuse: 0,
     accessTokenLifespan: $at, ssoSessionIdleTimeout: $idle, ssoSessionMaxLifespan: $max}')" >/dev/null
  kc_admin "$token" POST "/$KC_REALM/clients" "$(jq -n --arg id "$KC_CLIENT" '
    {clientId: $id, enabled: true, publicClient: true, directAccessGrantsEnabled: true,
     standardFlowEnabled: false}')" >/dev/null
  kc_admin "$token" POST "/$KC_REALM/clients" "$(jq -n --arg id "$KC_SERVICE_CLIENT" \
    --arg secret "$KC_SERVICE_SECRET" '
    {clientId: $id, enabled: true, publicClient: false, serviceAccountsEnabled: true,
     clientAuthenticatorType: "client-secret", secret: $secret,
     standardFlowEnabled: false, directAccessGrantsEnabled: false}')" >/dev/null
  log "Keycloak: creating $count users ${prefix}1..${prefix}${count}"
  token_at=$(now_ms)
  for ((i = 1; i <= count; i++)); do
    # The admin token lives 60 s.
    if (($(now_ms) - token_at > 40000)); then
      token=$(kc_admin_token) || die "no Keycloak admin token"
      token_at=$(now_ms)
    fi
    kc_admin "$token" POST "/$KC_REALM/users" "$(jq -n --arg u "$prefix$i" --arg p "$BENCH_PASSWORD" '
      {username: $u, enabled: true, email: ($u + "@bench.invalid"), emailVerified: true,
       firstName: "Bench", lastName: $u,
       credentials: [{type: "password", value: $p, temporary: false}]}')" >/dev/null
  done
  # The settings as Keycloak stored them.
  kc_admin "$token" GET "/$KC_REALM" | jq -e '.revokeRefreshToken == true and .refreshTokenMaxReuse == 0' \
    >/dev/null || die "Keycloak did not keep revokeRefreshToken=true, refreshTokenMaxReuse=0"
  local first second replay
  first=$(kc_token grant_type=password "username=${prefix}1" "password=$BENCH_PASSWORD" |
    jq -er .refresh_token) || die "Keycloak: password grant for ${prefix}1 failed"
  second=$(kc_token grant_type=refresh_token "refresh_token=$first" | jq -er .refresh_token) ||
    die "Keycloak: refresh failed"
  [[ $second != "$first" ]] || die "Keycloak: the refresh answered the same refresh token"
  replay=$(kc_token grant_type=refresh_token "refresh_token=$first" | jq -r '.error // "accepted"')
  [[ $replay == invalid_grant ]] || die "Keycloak: a spent refresh token was not refused ($replay)"
  log "Keycloak: rotation checked (a refresh rotates; the spent token is refused: $replay)"
}

# kc_refresh_run TAG: RefreshSimulation against Keycloak (run_gatling, with CPU split of the
# Keycloak JVM), after an ANALYZE of its schema as auto-analyze would do (BENCH_ANALYZE=no: none).
kc_refresh_run() {
  local tag=$1
  if [[ ${BENCH_ANALYZE:-yes} == yes ]]; then
    log "PostgreSQL: ANALYZE of schema $KC_SCHEMA"
    analyze_schema "$KC_SCHEMA"
  fi
  TARGET_NAME=keycloak TARGET_PID=$KC_PID TARGET_URL=$(kc_url)
  run_gatling RefreshSimulation "$tag" \
    -Dbench.keycloakRealm="$KC_REALM" -Dbench.keycloakClientId="$KC_CLIENT"
  TARGET_NAME='' TARGET_PID='' TARGET_URL=''
}

# kc_client_credentials_run TAG: ClientCredentialsSimulation against Keycloak, its service client
# authenticated by HTTP Basic as at Rotor; first checks that the grant answers a token.
kc_client_credentials_run() {
  local tag=$1
  curl -s --fail --max-time 30 -u "$KC_SERVICE_CLIENT:$KC_SERVICE_SECRET" -d grant_type=client_credentials \
    "$(kc_url)/realms/$KC_REALM/protocol/openid-connect/token" | jq -e .access_token >/dev/null ||
    die "Keycloak: the client credentials grant of $KC_SERVICE_CLIENT failed"
  TARGET_NAME=keycloak TARGET_PID=$KC_PID TARGET_URL=$(kc_url)
  run_gatling ClientCredentialsSimulation "$tag" \
    -Dbench.keycloakRealm="$KC_REALM" \
    -Dbench.serviceClientId="$KC_SERVICE_CLIENT" -Dbench.serviceClientSecret="$KC_SERVICE_SECRET"
  TARGET_NAME='' TARGET_PID='' TARGET_URL=''
}

# kc_rss_kib: VmRSS of the Keycloak JVM, KiB.
kc_rss_kib() { awk '/^VmRSS:/ {print $2}' "/proc/$KC_PID/status"; }

# kc_config_json: what Keycloak ran with, for the summaries.
kc_config_json() {
  jq -n --arg version "$KEYCLOAK_VERSION" --arg java "$("$KC_JAVA_HOME/bin/java" -version 2>&1 | head -n 1)" \
    --arg build "kc.sh build ${KC_BUILD_OPTIONS[*]}" --arg schema "$KC_SCHEMA" \
    --arg realm "$KC_REALM" --arg client "$KC_CLIENT" --argjson at "$KC_ACCESS_TOKEN_S" \
    --argjson idle "$KC_SESSION_IDLE_S" --argjson max "$KC_SESSION_MAX_S" '
    {version: $version, java: $java, build: $build,
     start: "kc.sh start --optimized --http-enabled=true --hostname-strict=false --http-host=127.0.0.1 (stock production start, stock heap -Xms64m -Xmx512m, embedded Infinispan, persistent user sessions)",
     database: ("PostgreSQL, schema " + $schema), realm: $realm,
     client: ($client + " (public, direct access grants)"),
     realm_settings: {revokeRefreshToken: true, refreshTokenMaxReuse: 0, accessTokenLifespan: $at,
                      ssoSessionIdleTimeout: $idle, ssoSessionMaxLifespan: $max}}'
}

kc_main() {
  set -euo pipefail
  CLIENTS=16
  WARMUP=180
  DURATION=60
  USERS=
  USER_PREFIX=bench-user-
  local build=yes
  while (($#)); do
    case $1 in
      --clients) CLIENTS=$2; shift ;;
      --warmup) WARMUP=$2; shift ;;
      --duration) DURATION=$2; shift ;;
      --users) USERS=$2; shift ;;
      --no-build) build=no ;;
      -h | --help) sed -n '2,12p' "$0" | sed 's/^# \{0,1\}//'; return 0 ;;
      *) die "unknown option $1 (see --help)" ;;
    esac
    shift
  done
  USERS=${USERS:-$CLIENTS}
  ((USERS >= CLIENTS)) || die "--users must be at least --clients (one refresh chain per user)"
  require_tools java mvn curl jq ss awk psql unzip
  mkdir -p "$BENCH_OUT"
  trap kc_stop EXIT
  trap 'exit 130' INT TERM
  [[ $build == no ]] || build_if_needed
  kc_provision
  kc_start "$BENCH_OUT/keycloak.log"
  local rss_ready
  rss_ready=$(kc_rss_kib)
  kc_setup "$USER_PREFIX" "$USERS"
  kc_refresh_run keycloak-refresh
  local result rss_after
  result=$(request_json keycloak-refresh refresh)
  rss_after=$(kc_rss_kib)
  kc_stop
  jq -n --arg when "$(date -u +%Y-%m-%dT%H:%M:%SZ)" \
    --arg commit "$(git -C "$BENCH_ROOT" rev-parse --short HEAD 2>/dev/null || echo unknown)" \
    --arg cpu "$(awk -F': ' '/model name/ {print $2; exit}' /proc/cpuinfo)" \
    --argjson nproc "$(nproc)" --argjson keycloak "$(kc_config_json)" \
    --argjson clients "$CLIENTS" --argjson warmup "$WARMUP" --argjson duration "$DURATION" \
    --argjson users "$USERS" --argjson startup "$KC_STARTUP_MS" \
    --argjson rss_ready "$rss_ready" --argjson rss_after "$rss_after" \
    --argjson refresh "$result" --argjson figures "$(per_op_json "$result")" '
    {kind: "Keycloak under the refresh scenario (benchmarks/keycloak.sh)", when: $when,
     commit: $commit, machine: {cpu: $cpu, cores: $nproc},
     config: {clients: $clients, warmup_s: $warmup, duration_s: $duration, users: $users},
     keycloak: ($keycloak + {startup_ms: $startup,
                             rss_mib: {ready: ($rss_ready / 1024 | round),
                                       after_refresh: ($rss_after / 1024 | round)}}),
     scenarios: {refresh: $refresh}, figures: {refresh: $figures}}' >"$BENCH_OUT/keycloak-summary.json"
  echo
  echo "Keycloak $KEYCLOAK_VERSION, refresh with rotation ($CLIENTS clients, warm-up ${WARMUP}s, measured ${DURATION}s)"
  jq -r '.figures.refresh | "req/s \(.throughput_rps)  p50 \(.p50_ms) ms  p99 \(.p99_ms) ms  errors \(.errors)  Keycloak CPU \(.server_cpu_ms_per_op) ms/refresh (\(.server_cores) cores, JIT \(.server_jit_cores))  PostgreSQL \(.postgres_cpu_ms_per_op) ms/refresh (\(.postgres_cores) cores)"' \
    "$BENCH_OUT/keycloak-summary.json"
  echo "start-up $KC_STARTUP_MS ms; summary: target/bench/keycloak-summary.json"
}

if [[ ${BASH_SOURCE[0]} == "$0" ]]; then
  kc_main "$@"
fi
