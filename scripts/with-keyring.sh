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
mkdir -p -m700 "$home/run"
export RSU_KEYRING_HOME="$home"
HOME="$home" XDG_RUNTIME_DIR="$home/run" dbus-run-session -- bash -c '
  echo -n test | gnome-keyring-daemon --unlock --components=secrets >/dev/null
  exec "$@"' with-keyring "$@"
