# Shared by server-config/*/start.sh (sourced, not run): where servers are provisioned, and how
# their distributions come from Maven Central (through the local Maven repository).

ROTOR_ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
# Provisioned servers live here, one folder per distribution and version; ROTOR_SERVERS moves it.
ROTOR_SERVERS=${ROTOR_SERVERS:-$ROTOR_ROOT/target/servers}
# The WAR a start script deploys at /; ROTOR_WAR points at another (the tests add a movable clock).
ROTOR_WAR=${ROTOR_WAR-$ROTOR_ROOT/target/rotor.war}

say() { printf '[%s] %s\n' "$(date +%H:%M:%S)" "$*" >&2; }
fail() {
  say "ERROR: $*"
  exit 1
}

# port_arg PORT: checks that PORT is a TCP port number.
port_arg() {
  [[ ${1:-} =~ ^[0-9]+$ ]] && (($1 >= 1024 && $1 <= 55000)) ||
    fail "usage: $0 PORT (1024 to 55000; the server's other ports lie above it)"
}

# fetch_distribution GROUP:ARTIFACT:VERSION:TYPE: prints the path of a copy of that file under
# $ROTOR_SERVERS/downloads, taken from the local Maven repository, which fetches it from Maven
# Central on first use.
fetch_distribution() {
  local coords=$1 group artifact version type
  IFS=: read -r group artifact version type <<<"$coords"
  local dir="$ROTOR_SERVERS/downloads"
  local file="$dir/$artifact-$version.$type"
  if [[ ! -f $file ]]; then
    say "fetching $coords (from Maven Central on first use)"
    mkdir -p "$dir"
    (cd "$dir" && mvn -B -q org.apache.maven.plugins:maven-dependency-plugin:3.8.1:copy \
      -Dartifact="$group:$artifact:$version:$type" -DoutputDirectory="$dir" -Dmdep.overWriteIfNewer=true) >&2 ||
      fail "could not fetch $coords"
  fi
  echo "$file"
}
