#!/usr/bin/env bash
# Make sure the browser tests have a Chromium, and say which one they will use:
# CEC_CHROMIUM if set; else Debian's chromium (installed with apt-get when missing and possible);
# else Playwright's own build (needs the internet, which CI machines here do not have).
set -euo pipefail
venv_python=${1:-.venv/bin/python}

if [ -n "${CEC_CHROMIUM:-}" ]; then
  echo "Browser tests use CEC_CHROMIUM=$CEC_CHROMIUM"
  exit 0
fi
if command -v chromium >/dev/null 2>&1; then
  echo "Browser tests use Debian's Chromium: $(chromium --version 2>/dev/null | tail -n 1)"
  exit 0
fi
if command -v apt-get >/dev/null 2>&1; then
  sudo=""
  if [ "$(id -u)" != 0 ]; then
    if sudo -n true 2>/dev/null; then sudo="sudo -n"; else sudo="none"; fi
  fi
  if [ "$sudo" != "none" ]; then
    echo "Installing Debian's Chromium for the browser tests (apt-get)..."
    $sudo apt-get update -qq
    DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq chromium >/dev/null
    echo "Browser tests use Debian's Chromium: $(chromium --version 2>/dev/null | tail -n 1)"
    exit 0
  fi
fi
echo "No Debian Chromium and no apt-get as root: using Playwright's own Chromium (downloads it; needs the internet)."
"$venv_python" -m playwright install chromium
echo "Browser tests use Playwright's own Chromium"
