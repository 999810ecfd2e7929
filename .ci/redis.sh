# Sourced by .ci/run (bash, set -euo pipefail): a throwaway Redis for the
# distributed-mode tests (tests/distributed). Installs Debian's redis-server
# package when the binary is missing, starts it on 127.0.0.1 at a free port
# with no persistence (no RDB snapshots, no AOF) in a temporary folder, exports
# STANCEMAP_TEST_REDIS_URL and stops it (and removes the folder) when the
# calling script exits. The EXIT trap chains onto any trap already set, as
# .ci/postgres.sh does; a step added later should chain onto this one too.

if ! command -v redis-server >/dev/null 2>&1; then
  echo "ci: installing redis-server" >&2
  apt-get update -qq
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq redis-server >/dev/null
fi

STANCEMAP_REDIS_DIR=$(mktemp -d /tmp/stancemap-redis.XXXXXX)
STANCEMAP_REDIS_PORT=$(node -e "const s=require('net').createServer();s.listen(0,'127.0.0.1',()=>{console.log(s.address().port);s.close()})")
redis-server --bind 127.0.0.1 --port "$STANCEMAP_REDIS_PORT" --save '' --appendonly no --dir "$STANCEMAP_REDIS_DIR" \
  --daemonize yes --pidfile "$STANCEMAP_REDIS_DIR/redis.pid" --logfile "$STANCEMAP_REDIS_DIR/redis.log"
for _ in $(seq 50); do
  redis-cli -h 127.0.0.1 -p "$STANCEMAP_REDIS_PORT" ping >/dev/null 2>&1 && break
  sleep 0.1
done
redis-cli -h 127.0.0.1 -p "$STANCEMAP_REDIS_PORT" ping >/dev/null

stancemap_redis_stop() {
  redis-cli -h 127.0.0.1 -p "$STANCEMAP_REDIS_PORT" shutdown nosave >/dev/null 2>&1 || true
  rm -rf "$STANCEMAP_REDIS_DIR"
}
STANCEMAP_REDIS_PREVIOUS_TRAP=$(trap -p EXIT | sed -e "s/^trap -- '//" -e "s/' EXIT\$//")
# shellcheck disable=SC2064 # the previous trap is expanded now, on purpose
trap "stancemap_redis_stop; ${STANCEMAP_REDIS_PREVIOUS_TRAP}" EXIT

export STANCEMAP_TEST_REDIS_URL="redis://127.0.0.1:$STANCEMAP_REDIS_PORT"
echo "ci: Redis $(redis-server --version | awk '{print $3}' | sed 's/^v=//') on 127.0.0.1:$STANCEMAP_REDIS_PORT" >&2
