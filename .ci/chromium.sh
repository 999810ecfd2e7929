# Sourced by .ci/run (bash, set -euo pipefail): Debian's Chromium for the
# report's browser test (tests/report/browser.test.ts), which fails under
# CI=true when /usr/bin/chromium is missing. Installs the package only when
# the binary is absent; starts nothing, so it needs no EXIT trap.
if [ ! -x /usr/bin/chromium ]; then
  echo "ci: installing chromium" >&2
  apt-get update -qq
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null
fi
echo "ci: $(/usr/bin/chromium --version 2>/dev/null | head -n 1)" >&2
