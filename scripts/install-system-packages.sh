#!/usr/bin/env bash
# The Debian packages WardWatch's build and tests need on a fresh machine, in one list (README and .ci/run use
# this script). Run as root. Why each one:
#   chromium             the browser the end-to-end tests drive (Playwright never downloads its own here)
#   xvfb xauth           a virtual display, for screenshots of a real window and the Electron tests
#   gnome-keyring dbus   a real Secret Service (the OS keychain on Linux) for the credential vault's tests
#   dbus-x11             dbus-launch, used by some desktop sessions to start that keychain
#   libsecret-1-dev      headers keytar compiles against (its N-API addon is built from source)
#   python3 make g++     node-gyp's toolchain for that build
#   fonts-dejavu-core    the UI font, so that screenshots look the same on every machine
#   ca-certificates git openssl  npm and the checkout
#   rsyslog rsyslog-gnutls  a real syslog collector (TLS, RFC 5425) the security log's forwarding is tested against
#   postgresql           a real PostgreSQL server (initdb + postgres in a throwaway folder) for the server backend's
#                        tests, the fault suite and the benchmarks (test/support/postgres-server.ts)
#   redis-server         a real Redis server for `npm run bench:adapter`, which measures it against PostgreSQL as
#                        the bus between a ward's gateway nodes (test/support/redis-server.ts, decision 0026)
set -euo pipefail

PACKAGES=(chromium xvfb xauth gnome-keyring dbus dbus-x11 libsecret-1-dev python3 make g++ fonts-dejavu-core ca-certificates git openssl rsyslog rsyslog-gnutls postgresql redis-server)

missing=()
for package in "${PACKAGES[@]}"; do
  dpkg-query -W -f='${Status}' "$package" 2>/dev/null | grep -q "install ok installed" || missing+=("$package")
done
if [ ${#missing[@]} -eq 0 ]; then
  echo "system packages: all present"
  exit 0
fi
echo "system packages: installing ${missing[*]}"
if [ "$(id -u)" -ne 0 ]; then SUDO=sudo; else SUDO=; fi
$SUDO apt-get update -qq
DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq --no-install-recommends "${missing[@]}"
