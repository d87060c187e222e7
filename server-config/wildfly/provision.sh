#!/usr/bin/env bash
# server-config/wildfly/provision.sh: prints the WildFly home that start.sh runs, making it on
# first use: the distribution from Maven Central, unpacked under target/servers, with rotor.cli
# (the server settings Rotor needs, if any) applied offline. WILDFLY_VERSION picks another one.
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/../lib.sh"
HERE=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)

WILDFLY_VERSION=${WILDFLY_VERSION:-39.0.1.Final}
home="$ROTOR_SERVERS/wildfly-$WILDFLY_VERSION"

if [[ ! -f $home/.provisioned ]]; then
  dist=$(fetch_distribution "org.wildfly:wildfly-dist:$WILDFLY_VERSION:tar.gz")
  say "unpacking WildFly $WILDFLY_VERSION into $home"
  rm -rf "$home" "$home.partial"
  mkdir -p "$home.partial"
  tar -xzf "$dist" -C "$home.partial" --strip-components=1
  rm -f "$dist"
  if grep -qv '^\s*\(#.*\)\?$' "$HERE/rotor.cli"; then
    say "applying server-config/wildfly/rotor.cli"
    JAVA_OPTS="-Xmx256m" "$home.partial/bin/jboss-cli.sh" --file="$HERE/rotor.cli" >&2 ||
      fail "rotor.cli failed"
    rm -rf "$home.partial/standalone/data" "$home.partial/standalone/log" "$home.partial/standalone/tmp"
  fi
  touch "$home.partial/.provisioned"
  mv "$home.partial" "$home"
fi
echo "$home"
