#!/usr/bin/env bash
# Make sure the markup test (tests/docs/test_markup.py) has the Java it runs the Nu Html Checker
# (node_modules/vnu-jar, Java 17 or later) with, and say which one: the `java` on PATH; else
# Debian's default-jre-headless, installed with apt-get when missing and running as root.
# Otherwise it only says so: the test then fails under CI=true and is skipped elsewhere.
set -euo pipefail

java_major() {
  java -version 2>&1 | sed -n 's/.*version "\([0-9]*\).*/\1/p' | head -n 1
}

if command -v java >/dev/null 2>&1 && [ "$(java_major)" -ge 17 ] 2>/dev/null; then
  echo "The markup test uses Java $(java_major): $(command -v java)"
  exit 0
fi
if command -v apt-get >/dev/null 2>&1 && [ "$(id -u)" = 0 ]; then
  echo "Installing Debian's Java runtime for the markup test (apt-get)..."
  apt-get update -qq
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq default-jre-headless >/dev/null
  echo "The markup test uses Java $(java_major): $(command -v java)"
  exit 0
fi
echo "No Java 17 or later, and no apt-get as root to install it: install a Java runtime" \
  "(Debian: apt-get install default-jre-headless) or the markup test cannot run." >&2
