#!/usr/bin/env bash
# Runs a command inside a private D-Bus session with an unlocked gnome-keyring, so that
# @napi-rs/keyring talks to a real Secret Service and never to the user's own keychain.
# Usage: scripts/with-keyring.sh <command> [args...]
set -euo pipefail
if ! command -v dbus-run-session >/dev/null || ! command -v gnome-keyring-daemon >/dev/null; then
  echo "with-keyring: dbus-run-session and gnome-keyring-daemon are needed (apt-get install -y dbus dbus-x11 gnome-keyring libsecret-tools; or run 'npm run setup' as root)" >&2
  exit 2
fi
home=$(mktemp -d "${TMPDIR:-/tmp}/rsu-keyring.XXXXXX")
trap 'rm -rf "$home"' EXIT
mkdir -p -m700 "$home/run" "$home/dbus-services"
export RSU_KEYRING_HOME="$home"

# gnome-keyring-daemon can die under load (it has crashed on concurrent unlocks). D-Bus then
# starts a new one on the next call, and Debian's stock service would start it locked: every
# later test met a password prompt that cannot show here. So this session's bus starts the
# Secret Service through our own service file first, which unlocks the keyring (its files
# are on disk, so a restarted daemon still holds every secret saved before).
cat > "$home/keyring-daemon.sh" <<'SCRIPT'
printf test | exec gnome-keyring-daemon --foreground --unlock --components=secrets
SCRIPT
cat > "$home/dbus-services/org.freedesktop.secrets.service" <<SERVICE
[D-BUS Service]
Name=org.freedesktop.secrets
Exec=/bin/sh $home/keyring-daemon.sh
SERVICE
cat > "$home/session.conf" <<CONF
<!DOCTYPE busconfig PUBLIC "-//freedesktop//DTD D-Bus Bus Configuration 1.0//EN"
 "http://www.freedesktop.org/standards/dbus/1.0/busconfig.dtd">
<busconfig>
  <servicedir>$home/dbus-services</servicedir>
  <include>/usr/share/dbus-1/session.conf</include>
</busconfig>
CONF

HOME="$home" XDG_RUNTIME_DIR="$home/run" dbus-run-session --config-file="$home/session.conf" -- bash -c '
  echo -n test | gnome-keyring-daemon --unlock --components=secrets >/dev/null
  exec "$@"' with-keyring "$@"
