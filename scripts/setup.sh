#!/usr/bin/env bash
# `npm run setup`: everything a fresh Debian machine needs to run the app and all its tests.
#  - Debian packages: Chromium (e2e tests drive it; Playwright never downloads a browser),
#    gnome-keyring + D-Bus (the keychain tests use a real Secret Service), Xvfb.
#  - npm packages, which include Node 24 (the `node` package): npm scripts put
#    node_modules/.bin first on PATH, so tests run on the Node that Electron 45 embeds
#    even where the system Node is older.
set -euo pipefail
cd "$(dirname "$0")/.."

apt_packages=(chromium gnome-keyring dbus dbus-x11 libsecret-tools xvfb)
missing=()
for package in "${apt_packages[@]}"; do
  dpkg-query -W -f='${Status}' "$package" 2>/dev/null | grep -q 'install ok installed' || missing+=("$package")
done
if [ ${#missing[@]} -gt 0 ]; then
  if [ "$(id -u)" -eq 0 ]; then
    echo "setup: installing Debian packages: ${missing[*]}"
    apt-get update -qq
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
  elif command -v sudo >/dev/null; then
    sudo apt-get update -qq
    sudo DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
  else
    echo "setup: please install these Debian packages first: ${missing[*]}" >&2
    exit 1
  fi
fi

# npm ci only when the lock file changed since the last install (it takes a minute).
if [ ! -f node_modules/.package-lock.json ] || [ package-lock.json -nt node_modules/.package-lock.json ]; then
  echo "setup: installing npm packages (npm ci)"
  npm ci --no-audit --no-fund --loglevel=error
fi

node24=node_modules/.bin/node
if ! "$node24" --version 2>/dev/null | grep -q '^v24\.'; then
  echo "setup: node_modules/.bin/node is not Node 24 ($("$node24" --version 2>&1 || true)); run: rm -rf node_modules && npm run setup" >&2
  exit 1
fi
echo "setup: ready: Node $("$node24" --version) (node_modules/.bin) runs the app and the tests"
