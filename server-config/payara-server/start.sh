#!/usr/bin/env bash
# server-config/payara-server/start.sh PORT
#
# Starts Payara Server 6 in the foreground with target/rotor.war (or $ROTOR_WAR; empty: none) at
# /, HTTP on 127.0.0.1:PORT, and stops it on SIGTERM. The first run provisions Payara Server from
# Maven Central under target/servers. Rotor reads the same ROTOR_* environment as on Payara Micro.
# Ready when http://127.0.0.1:PORT/health/ready answers 200.
#
# A fresh domain per start (target/servers/payara-domains/rotor-PORT), port base PORT-80: admin
# (asadmin, console) on 127.0.0.1:PORT-32, data grid (Hazelcast) PORT-31, HTTPS PORT+1, IIOP
# PORT-43 to PORT-41, JMX PORT+6.
# Every listener binds 127.0.0.1 (pre-boot-commands.txt); nothing else is set in the server.
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/../lib.sh"
HERE=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)

PORT=${1:-}
port_arg "$PORT"
PAYARA_VERSION=${PAYARA_VERSION:-6.2025.10}
home="$ROTOR_SERVERS/payara-$PAYARA_VERSION"

if [[ ! -f $home/.provisioned ]]; then
  dist=$(fetch_distribution "fish.payara.distributions:payara:$PAYARA_VERSION:zip")
  say "unpacking Payara Server $PAYARA_VERSION into $home"
  rm -rf "$home" "$home.partial"
  mkdir -p "$home.partial"
  (cd "$home.partial" && jar xf "$dist" || unzip -q "$dist")
  rm -f "$dist"
  chmod +x "$home.partial"/payara6/bin/* "$home.partial"/payara6/glassfish/bin/*
  touch "$home.partial/.provisioned"
  mv "$home.partial" "$home"
fi
asadmin="$home/payara6/bin/asadmin"
domains="$ROTOR_SERVERS/payara-domains"
domain="rotor-$PORT"

rm -rf "${domains:?}/$domain"
mkdir -p "$domains"
say "Payara Server: creating domain $domain (HTTP 127.0.0.1:$PORT, admin 127.0.0.1:$((PORT - 32)))"
"$asadmin" create-domain --domaindir "$domains" --portbase "$((PORT - 80))" --nopassword=true \
  "$domain" >&2

# Edits to the new domain's server-config (the first config in domain.xml), before its JVM starts:
# - three listeners would bind every interface: the data grid (Hazelcast) and the EJB timer
#   database's H2 server (AUTO_SERVER), hence two JVM options; the embedded message broker (Open MQ,
#   which Rotor does not use), hence a jms-service of type DISABLED (the server adds it as EMBEDDED);
# - JSON-P's provider is named, as in rotor.jar: otherwise JSON-P searches the class path on every
#   call, several times per bearer token in Payara's MicroProfile JWT.
sed -i -e '0,/<\/java-config>/s|</java-config>|<jvm-options>-Dhazelcast.socket.bind.any=false</jvm-options><jvm-options>-Dh2.bindAddress=127.0.0.1</jvm-options><jvm-options>-Djakarta.json.provider=org.eclipse.parsson.JsonProviderImpl</jvm-options></java-config>|' \
  -e '0,/<config name="server-config">/s|<config name="server-config">|&<jms-service type="DISABLED" default-jms-host="default_JMS_host"><jms-host name="default_JMS_host" host="127.0.0.1" port="${JMS_PROVIDER_PORT}" lazy-init="true"/></jms-service>|' \
  "$domains/$domain/config/domain.xml"

stop() {
  say "Payara Server: stopping domain $domain"
  "$asadmin" stop-domain --domaindir "$domains" "$domain" >&2 || true
}
trap stop TERM INT
"$asadmin" start-domain --verbose --domaindir "$domains" \
  --prebootcommandfile "$HERE/pre-boot-commands.txt" "$domain" &
server=$!

# Deployed once the server is up, not by a post-boot command: deploying during boot deadlocks
# Payara Server 6.2025.10 when the WAR's first managed-thread-factory lookup installs its config.
if [[ -n $ROTOR_WAR ]]; then
  [[ -f $ROTOR_WAR ]] || fail "no WAR at $ROTOR_WAR: build it first (mvn -B package -DskipTests)"
  admin=(--host 127.0.0.1 --port "$((PORT - 32))" --user admin)
  for ((i = 0; i < 300; i++)); do
    kill -0 "$server" 2>/dev/null || fail "Payara Server stopped while starting"
    curl -s -o /dev/null "http://127.0.0.1:$((PORT - 32))/management/domain/version" && break
    sleep 1
  done
  say "Payara Server: deploying $ROTOR_WAR at /"
  "$asadmin" "${admin[@]}" deploy --force=true --contextroot / --name rotor "$ROTOR_WAR" >&2 ||
    say "ERROR: deployment failed (see the server log above)"
fi
# Twice: the first wait returns when the trap runs; the second waits for the domain to be down.
wait "$server" || true
wait "$server" 2>/dev/null || true
