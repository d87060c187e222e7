#!/usr/bin/env bash
# server-config/wildfly/start.sh PORT
#
# Starts WildFly in the foreground with target/rotor.war (or $ROTOR_WAR) at /, HTTP on
# 127.0.0.1:PORT, and stops it on SIGTERM. The first run provisions WildFly from Maven Central
# (provision.sh). Rotor reads the same ROTOR_* environment as on Payara. Ready when
# http://127.0.0.1:PORT/health/ready answers 200.
#
# Every other port is shifted by OFFSET = 1000 + PORT % 1000, clear of PORT: management (HTTP)
# on 127.0.0.1:9990+OFFSET, HTTPS 8443+OFFSET, transaction recovery 4712+OFFSET and 4713+OFFSET.
# Each PORT gets its own server folder (target/servers/wildfly-PORT), made afresh at every start.
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/../lib.sh"
HERE=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)

PORT=${1:-}
port_arg "$PORT"
[[ -f $ROTOR_WAR ]] || fail "no WAR at $ROTOR_WAR: build it first (mvn -B package -DskipTests)"

home=$("$HERE/provision.sh")
base="$ROTOR_SERVERS/wildfly-$PORT"
rm -rf "$base"
cp -a "$home/standalone" "$base"
cp "$ROTOR_WAR" "$base/deployments/ROOT.war"

offset=$((1000 + PORT % 1000))
say "WildFly: HTTP 127.0.0.1:$PORT, management 127.0.0.1:$((9990 + offset)), server folder $base"
# standalone.sh then forwards SIGTERM to the server and waits for it.
export LAUNCH_JBOSS_IN_BACKGROUND=1
exec "$home/bin/standalone.sh" -c standalone.xml \
  -b 127.0.0.1 -bmanagement 127.0.0.1 \
  -Djboss.server.base.dir="$base" \
  -Djboss.socket.binding.port-offset="$offset" \
  -Djboss.http.port="$((PORT - offset))" \
  ${ROTOR_SERVER_OPTS:-}
