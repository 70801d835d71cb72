#!/usr/bin/env bash
# Debian packages the integration tests need: Chromium (browser tests, driven by Playwright
# with executable_path, never `playwright install`), PostgreSQL and Redis (scale-out test).
# Installed only when missing; needs root (as on CI) or passwordless sudo.
set -euo pipefail
need=()
command -v chromium >/dev/null || need+=(chromium)
[ -x /usr/lib/postgresql/*/bin/postgres ] 2>/dev/null || ls /usr/lib/postgresql/*/bin/postgres >/dev/null 2>&1 || need+=(postgresql)
command -v redis-server >/dev/null || need+=(redis-server)
if [ ${#need[@]} -gt 0 ]; then
  SUDO=""; [ "$(id -u)" -eq 0 ] || SUDO="sudo -n"
  echo "==> installing test dependencies from Debian: ${need[*]}"
  $SUDO apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq --no-install-recommends "${need[@]}" >/dev/null
  # the Debian postgresql package starts a cluster service on install where systemd runs;
  # the tests start their own throw-away clusters on loopback instead.
fi
echo "==> test dependencies present: $(command -v chromium) $(ls /usr/lib/postgresql/*/bin/postgres) $(command -v redis-server)"
