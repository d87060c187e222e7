#!/usr/bin/env bash
# Rotor purge benchmark (PostgreSQL): see BENCHMARKS.md.
#
#   benchmarks/purge.sh [--dead 1000000] [--dead-sessions 10000] [--live 100000]
#                       [--live-sessions 10000] [--clients 16] [--warmup 60] [--duration 60]
#                       [--max-purge 900] [--no-build]
#
# Starts target/rotor.jar (-Xmx256m) on schema rotor_bench_purge with the purge timer held off
# (ROTOR_PURGE_INITIAL_DELAY=PT1H), registers the load users, bulk-inserts dead rows (unspent
# refresh tokens with expires_at=1, in sessions that expired long ago) and live rows (tokens and
# sessions valid for days) with psql, then
#   (a) runs the refresh load (warm-up, then --duration s measured) with no purge;
#   (b) runs the same load and, once its warm-up is over, calls POST /admin/purge until
#       finished=true (at most --max-purge s); the measured window ends when the purge does;
# reports rows purged per second, the purge time, refresh p50/p99 with and without the purge,
# errors, and checks with psql that no dead row remains and every live row does.
# Output: target/bench/purge-summary.json.
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"

DEAD=1000000
DEAD_SESSIONS=10000
LIVE=100000
LIVE_SESSIONS=10000
BULK_USERS=1000
CLIENTS=16
WARMUP=60
DURATION=60
MAX_PURGE=900
BUILD=yes
USER_PREFIX=bench-user-
SCHEMA=rotor_bench_purge

usage() { sed -n '2,18p' "$0" | sed 's/^# \{0,1\}//'; }

while (($#)); do
  case $1 in
    --dead) DEAD=$2; shift ;;
    --dead-sessions) DEAD_SESSIONS=$2; shift ;;
    --live) LIVE=$2; shift ;;
    --live-sessions) LIVE_SESSIONS=$2; shift ;;
    --clients) CLIENTS=$2; shift ;;
    --warmup) WARMUP=$2; shift ;;
    --duration) DURATION=$2; shift ;;
    --max-purge) MAX_PURGE=$2; shift ;;
    --no-build) BUILD=no ;;
    -h | --help) usage; exit 0 ;;
    *) usage >&2; die "unknown option $1" ;;
  esac
  shift
done
USERS=$CLIENTS
((DEAD_SESSIONS >= 1 && LIVE_SESSIONS >= 1)) || die "at least one dead and one live session"

require_tools java mvn curl jq ss awk psql
mkdir -p "$BENCH_OUT"
STOP_FILE="$BENCH_OUT/purge.stop"
GATLING_PID=
cleanup() {
  if [[ -n $GATLING_PID ]] && kill -0 "$GATLING_PID" 2>/dev/null; then
    touch "$STOP_FILE"
    wait "$GATLING_PID" 2>/dev/null || true
  fi
  stop_rotor
}
trap cleanup EXIT
trap 'exit 130' INT TERM

[[ $BUILD == no ]] || build_if_needed

# --- Server on its own schema ----------------------------------------------------------------
reset_schema "$SCHEMA"
start_rotor "$BENCH_OUT/purge-server.log" \
  ROTOR_DB_URL="jdbc:postgresql://$PG_HOST:$PG_PORT/$PG_DB?currentSchema=$SCHEMA" \
  ROTOR_DB_USER="$PG_USER" ROTOR_DB_PASSWORD= \
  ROTOR_ADMIN_USERNAME="$ADMIN_USER" ROTOR_ADMIN_PASSWORD="$ADMIN_PASSWORD" \
  ROTOR_PURGE_INITIAL_DELAY=PT1H
register_users "$USER_PREFIX" "$USERS"

# --- Bulk data --------------------------------------------------------------------------------
# Ids are UUID-shaped (md5 of a label), token hashes are SHA-256 base64url (43 characters), like
# the real ones. Dead: expires_at = 1 (1970), never spent. Live: valid for 14 (tokens) and 30
# (sessions) days. user_agent marks the two populations for the checks at the end.
NOW=$(now_ms)
LIVE_TOKEN_EXPIRY=$((NOW + 14 * 86400000))
LIVE_SESSION_EXPIRY=$((NOW + 30 * 86400000))
log "psql: inserting $DEAD dead tokens in $DEAD_SESSIONS dead sessions, $LIVE live tokens in $LIVE_SESSIONS live sessions"
T0=$(now_ms)
psql_bench -v users="$BULK_USERS" -v dead="$DEAD" -v dead_sessions="$DEAD_SESSIONS" \
  -v live="$LIVE" -v live_sessions="$LIVE_SESSIONS" -v now="$NOW" \
  -v token_expiry="$LIVE_TOKEN_EXPIRY" -v session_expiry="$LIVE_SESSION_EXPIRY" <<SQL
SET search_path = $SCHEMA;
INSERT INTO rotor_user (id, username, username_key, password_hash, roles, enabled, created_at)
SELECT md5('bulk-user-' || i)::uuid::text, 'bulk-user-' || i, 'bulk-user-' || i,
       'not-a-password-hash', 'user', true, :now
FROM generate_series(1, :users) i;

INSERT INTO rotor_session (id, user_id, client_id, scope, created_at, last_used_at, expires_at,
                           revoked_at, revoked_reason, user_agent, ip_address)
SELECT md5('dead-session-' || i)::uuid::text, md5('bulk-user-' || (1 + i % :users))::uuid::text,
       'rotor-app', 'profile', 0, 0, 1, NULL, NULL, 'bench-dead', '127.0.0.1'
FROM generate_series(1, :dead_sessions) i;

INSERT INTO rotor_session (id, user_id, client_id, scope, created_at, last_used_at, expires_at,
                           revoked_at, revoked_reason, user_agent, ip_address)
SELECT md5('live-session-' || i)::uuid::text, md5('bulk-user-' || (1 + i % :users))::uuid::text,
       'rotor-app', 'profile', :now, :now, :session_expiry, NULL, NULL, 'bench-live', '127.0.0.1'
FROM generate_series(1, :live_sessions) i;

INSERT INTO refresh_token (session_id, token_hash, created_at, expires_at, spent_at)
SELECT md5('dead-session-' || (1 + i % :dead_sessions))::uuid::text,
       translate(rtrim(encode(sha256(('dead-token-' || i)::bytea), 'base64'), '='), '+/', '-_'),
       0, 1, NULL
FROM generate_series(1, :dead) i;

INSERT INTO refresh_token (session_id, token_hash, created_at, expires_at, spent_at)
SELECT md5('live-session-' || (1 + i % :live_sessions))::uuid::text,
       translate(rtrim(encode(sha256(('live-token-' || i)::bytea), 'base64'), '='), '+/', '-_'),
       :now, :token_expiry, NULL
FROM generate_series(1, :live) i;

ANALYZE rotor_user;
ANALYZE rotor_session;
ANALYZE refresh_token;
SQL
INSERT_MS=$(($(now_ms) - T0))
log "inserted in ${INSERT_MS} ms"

count_rows() {
  psql_bench -At <<SQL
SET search_path = $SCHEMA;
SELECT json_build_object(
  'dead_tokens', (SELECT count(*) FROM refresh_token WHERE expires_at < $(now_ms) AND spent_at IS NULL),
  'dead_sessions', (SELECT count(*) FROM rotor_session WHERE user_agent = 'bench-dead'),
  'live_tokens', (SELECT count(*) FROM refresh_token t JOIN rotor_session s ON s.id = t.session_id
                  WHERE s.user_agent = 'bench-live' AND t.spent_at IS NULL),
  'live_sessions', (SELECT count(*) FROM rotor_session WHERE user_agent = 'bench-live'),
  'all_tokens', (SELECT count(*) FROM refresh_token),
  'all_sessions', (SELECT count(*) FROM rotor_session));
SQL
}
ROWS_BEFORE=$(count_rows | tail -n 1)
log "rows before: $ROWS_BEFORE"

# --- (a) refresh load, no purge ---------------------------------------------------------------
run_gatling RefreshSimulation purge-baseline
BASELINE=$(request_json purge-baseline refresh)

# --- (b) the same load while POST /admin/purge runs until finished ------------------------------
ADMIN_TOKEN=$(access_token "$ADMIN_USER" "$ADMIN_PASSWORD") || die "admin login failed"
ADMIN_TOKEN_AT=$(now_ms)
rm -f "$STOP_FILE" "$BENCH_OUT/purge-during.json"
# The measured window lasts until the stop file appears (the purge is over), at most --max-purge s.
DURATION=$MAX_PURGE run_gatling RefreshSimulation purge-during -Dbench.stopFile="$STOP_FILE" &
GATLING_PID=$!

deadline=$(($(now_ms) + (WARMUP + 180) * 1000))
until [[ $(jq -r .phase "$BENCH_OUT/purge-during.json" 2>/dev/null) == measuring ]]; do
  kill -0 "$GATLING_PID" 2>/dev/null || die "the load run ended before its warm-up did"
  (($(now_ms) < deadline)) || die "the load run did not finish its warm-up in time"
  sleep 0.2
done

log "purging: POST /admin/purge until finished=true (at most ${MAX_PURGE}s)"
: >"$BENCH_OUT/purge-calls.jsonl"
PURGE_T0=$(now_ms)
PURGE_ERRORS=0
FINISHED=false
for ((call = 1; call <= 10000; call++)); do
  if (($(now_ms) - ADMIN_TOKEN_AT > 240000)); then
    ADMIN_TOKEN=$(access_token "$ADMIN_USER" "$ADMIN_PASSWORD") || die "admin login failed"
    ADMIN_TOKEN_AT=$(now_ms)
  fi
  answer=$(curl -s --max-time 300 -w '\n%{http_code}' -X POST "$(base_url)/admin/purge" \
    -H "Authorization: Bearer $ADMIN_TOKEN" || true)
  code=${answer##*$'\n'}
  body=${answer%$'\n'*}
  if [[ $code != 200 ]]; then
    PURGE_ERRORS=$((PURGE_ERRORS + 1))
    log "purge call $call: HTTP $code"
    ((PURGE_ERRORS < 5)) || break
    sleep 1
  else
    jq -c --argjson call "$call" '{call: $call} + .' <<<"$body" >>"$BENCH_OUT/purge-calls.jsonl"
    log "purge call $call: $(jq -c '{total, duration_ms, finished}' <<<"$body")"
    if [[ $(jq -r .finished <<<"$body") == true ]]; then
      FINISHED=true
      break
    fi
  fi
  (($(now_ms) - PURGE_T0 < MAX_PURGE * 1000)) || break
done
PURGE_MS=$(($(now_ms) - PURGE_T0))
touch "$STOP_FILE"
wait "$GATLING_PID" || die "the load run during the purge failed (target/bench/purge-during-gatling.log)"
GATLING_PID=
GATLING_DIR=$(ls -d "$BENCH_ROOT"/target/gatling/refreshsimulation-* | sort | tail -n 1)
DURING=$(request_json purge-during refresh)

ROWS_AFTER=$(count_rows | tail -n 1)
log "rows after: $ROWS_AFTER"
RSS=$(rss_kib)
stop_rotor

# --- Summary ----------------------------------------------------------------------------------
jq -n \
  --arg when "$(date -u +%Y-%m-%dT%H:%M:%SZ)" \
  --arg commit "$(git -C "$BENCH_ROOT" rev-parse --short HEAD 2>/dev/null || echo unknown)" \
  --argjson nproc "$(nproc)" \
  --argjson dead "$DEAD" --argjson dead_sessions "$DEAD_SESSIONS" \
  --argjson live "$LIVE" --argjson live_sessions "$LIVE_SESSIONS" \
  --argjson clients "$CLIENTS" --argjson warmup "$WARMUP" --argjson duration "$DURATION" \
  --argjson insert_ms "$INSERT_MS" --argjson startup "$STARTUP_MS" \
  --argjson before "$ROWS_BEFORE" --argjson after "$ROWS_AFTER" \
  --slurpfile calls "$BENCH_OUT/purge-calls.jsonl" \
  --argjson purge_ms "$PURGE_MS" --argjson purge_errors "$PURGE_ERRORS" \
  --argjson finished "$FINISHED" --argjson rss "$RSS" \
  --argjson baseline "$BASELINE" --argjson during "$DURING" '
  ($calls | map(.total) | add // 0) as $removed
  | {
    kind: "rotor purge benchmark (benchmarks/purge.sh)",
    when: $when, commit: $commit, cores: $nproc,
    config: {dead_tokens: $dead, dead_sessions: $dead_sessions, live_tokens: $live,
             live_sessions: $live_sessions, clients: $clients, warmup_s: $warmup,
             baseline_duration_s: $duration, server_heap: "-Xmx256m",
             purge_batch_size: "2000 (default)", purge_time_budget: "PT30S (default)"},
    startup_ms: $startup,
    bulk_insert_ms: $insert_ms,
    purge: {
      finished: $finished,
      calls: ($calls | length),
      http_errors: $purge_errors,
      wall_ms: $purge_ms,
      server_ms: ($calls | map(.duration_ms) | add // 0),
      rows_removed: $removed,
      removed_by_kind: ($calls | map(.removed) | reduce .[] as $r ({};
                        reduce ($r | to_entries[]) as $e (.; .[$e.key] += $e.value))),
      rows_per_s: (if $purge_ms > 0 then ($removed / ($purge_ms / 1000) | round) else null end),
      rows_per_s_server: (($calls | map(.duration_ms) | add // 0) as $ms
        | if $ms > 0 then ($removed / ($ms / 1000) | round) else null end)
    },
    refresh_without_purge: $baseline,
    refresh_during_purge: $during,
    rows_before: $before,
    rows_after: $after,
    checks: {
      no_dead_token_left: ($after.dead_tokens == 0),
      no_dead_session_left: ($after.dead_sessions == 0),
      all_live_tokens_left: ($after.live_tokens == $before.live_tokens),
      all_live_sessions_left: ($after.live_sessions == $before.live_sessions)
    },
    rss_mib_end: ($rss / 1024 | round)
  }' >"$BENCH_OUT/purge-summary.json"

S="$BENCH_OUT/purge-summary.json"
q() { jq -r "$1 // \"-\"" "$S"; }
echo
echo "Rotor purge benchmark: $DEAD dead tokens in $DEAD_SESSIONS dead sessions, $LIVE live tokens in $LIVE_SESSIONS live sessions, $CLIENTS refresh clients"
printf '%-24s %s ms\n' "bulk insert (psql)" "$(q .bulk_insert_ms)"
printf '%-24s %s rows in %s ms, %s calls, finished=%s, HTTP errors %s\n' "purge" \
  "$(q .purge.rows_removed)" "$(q .purge.wall_ms)" "$(q .purge.calls)" "$(q .purge.finished)" \
  "$(q .purge.http_errors)"
printf '%-24s %s rows/s (wall clock), %s rows/s (server duration_ms)\n' "purge rate" \
  "$(q .purge.rows_per_s)" "$(q .purge.rows_per_s_server)"
printf '%-24s %8s %7s %7s %7s %7s %9s\n' "" "req/s" "p50" "p90" "p99" "max" "errors"
for k in refresh_without_purge refresh_during_purge; do
  printf '%-24s %8s %7s %7s %7s %7s %9s\n' "${k//_/ }" "$(q ".$k.throughput_rps")" \
    "$(q ".$k.p50_ms")" "$(q ".$k.p90_ms")" "$(q ".$k.p99_ms")" "$(q ".$k.max_ms")" \
    "$(q ".$k.errors")"
done
printf '%-24s %s\n' "checks" "$(jq -r '.checks | to_entries | map("\(.key)=\(.value)") | join(" ")' "$S")"
printf '%-24s %s\n' "rows before" "$(jq -c .rows_before "$S")"
printf '%-24s %s\n' "rows after" "$(jq -c .rows_after "$S")"
echo "(latencies in ms of successful refreshes; summary: target/bench/purge-summary.json)"
jq -e '.checks | all' "$S" >/dev/null || die "a check failed: see target/bench/purge-summary.json"
