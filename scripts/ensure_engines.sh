#!/usr/bin/env bash
# Make sure the journeys in tests/e2e/engines have Firefox and WebKit beside Chromium, and say
# which they will use: Debian's firefox-esr (driven by puppeteer-core over WebDriver BiDi),
# webkit2gtk-driver (WebKitWebDriver and MiniBrowser, Safari's engine) and xvfb (WebKitGTK needs
# a display), installed with apt-get when missing and running as root. Otherwise it says which
# engines the journeys skip and why: they fail under CI=true and are skipped elsewhere.
set -euo pipefail

minibrowser=/usr/lib/x86_64-linux-gnu/webkit2gtk-4.1/MiniBrowser
missing=()
command -v firefox-esr >/dev/null 2>&1 || command -v firefox >/dev/null 2>&1 || missing+=(firefox-esr)
{ command -v WebKitWebDriver >/dev/null 2>&1 && [ -x "$minibrowser" ]; } || missing+=(webkit2gtk-driver)
command -v Xvfb >/dev/null 2>&1 || [ -n "${DISPLAY:-}" ] || missing+=(xvfb)

if [ "${#missing[@]}" -gt 0 ]; then
  if command -v apt-get >/dev/null 2>&1 && [ "$(id -u)" = 0 ]; then
    echo "Installing Debian's ${missing[*]} for the journeys in Firefox and WebKit (apt-get)..."
    apt-get update -qq
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends \
      "${missing[@]}" xauth >/dev/null
  else
    echo "No apt-get as root to install ${missing[*]}: the journeys skip the engines" \
      "they need (under CI=true they fail)." >&2
    exit 0
  fi
fi
firefox=$(command -v firefox-esr || command -v firefox || true)
[ -n "$firefox" ] && echo "Journeys use Firefox: $("$firefox" --version 2>/dev/null | tail -n 1)"
[ -x "$minibrowser" ] && echo "Journeys use WebKit: WebKitGTK $(dpkg-query -W -f='${Version}' libwebkit2gtk-4.1-0 2>/dev/null || echo '(version unknown)')"
exit 0
