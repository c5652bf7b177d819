#!/usr/bin/env bash
# Runs a command with a real OS keychain (Secret Service) available.
# - If the session already has one (a desktop login), the command runs as is.
# - Otherwise (CI, a headless box) it starts a private D-Bus session and an unlocked gnome-keyring
#   with throw-away XDG folders, runs the command inside it, and stops the daemon by its pid.
set -euo pipefail

has_secret_service() {
  [ -n "${DBUS_SESSION_BUS_ADDRESS:-}" ] || return 1
  command -v dbus-send >/dev/null || return 1
  dbus-send --session --print-reply --dest=org.freedesktop.DBus /org/freedesktop/DBus \
    org.freedesktop.DBus.NameHasOwner string:org.freedesktop.secrets 2>/dev/null | grep -q 'boolean true'
}

if [ "${MARKETDESK_IN_KEYRING:-}" = 1 ]; then
  # Inside the private bus: start the keyring, wait for its bus name, run, clean up.
  export XDG_DATA_HOME XDG_RUNTIME_DIR
  XDG_DATA_HOME="$(mktemp -d)"
  XDG_RUNTIME_DIR="$(mktemp -d)"
  chmod 700 "$XDG_RUNTIME_DIR"
  printf 'marketdesk-test\n' | gnome-keyring-daemon --foreground --unlock --components=secrets >/dev/null 2>&1 &
  keyring_pid=$!
  cleanup() { kill "$keyring_pid" 2>/dev/null || true; wait "$keyring_pid" 2>/dev/null || true; rm -rf "$XDG_DATA_HOME" "$XDG_RUNTIME_DIR"; }
  trap cleanup EXIT
  for _ in $(seq 1 100); do
    if has_secret_service; then break; fi
    sleep 0.1
  done
  if ! has_secret_service; then
    echo "with-keyring: gnome-keyring did not come up on the session bus" >&2
    exit 1
  fi
  "$@"
  exit $?
fi

if has_secret_service; then
  exec "$@"
fi

for tool in dbus-run-session gnome-keyring-daemon; do
  if ! command -v "$tool" >/dev/null; then
    echo "with-keyring: no Secret Service on this session and '$tool' is missing; install the packages listed by scripts/install-system-deps.sh" >&2
    exit 1
  fi
done
export MARKETDESK_IN_KEYRING=1
exec dbus-run-session -- bash "$0" "$@"
