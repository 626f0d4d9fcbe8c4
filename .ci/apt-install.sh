#!/usr/bin/env bash
# CI helper: install Debian packages quietly (as root, or with sudo); apt's chatter shows only on failure.
#     bash .ci/apt-install.sh "what, for the message" package...
set -euo pipefail
what=$1
shift
SUDO=""
if [ "$(id -u)" -ne 0 ]; then
  SUDO="sudo"
fi
export DEBIAN_FRONTEND=noninteractive
log=$(mktemp)
trap 'rm -f "$log"' EXIT
if ! { $SUDO apt-get update -qq && $SUDO apt-get install -y -qq --no-install-recommends "$@"; } >"$log" 2>&1; then
  cat "$log" >&2
  echo "CI: installing $what failed" >&2
  exit 1
fi
