#!/usr/bin/env bash
# The Debian/Ubuntu packages Marketdesk needs:
#   build:  libsecret-1-dev (keytar compiles against libsecret), python3, make, g++ (node-gyp)
#   run:    a Secret Service for the OS keychain (gnome-keyring on a desktop has one already)
#   tests:  gnome-keyring, dbus (dbus-run-session), libsecret-tools (secret-tool), chromium (Playwright)
set -euo pipefail
SUDO=""
if [ "$(id -u)" -ne 0 ]; then SUDO="sudo"; fi
$SUDO apt-get update -qq
DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq --no-install-recommends \
  libsecret-1-dev python3 make g++ \
  gnome-keyring dbus dbus-x11 libsecret-tools \
  chromium
