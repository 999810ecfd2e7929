# Sourced by .ci/run (bash, set -euo pipefail): a throwaway PostgreSQL server
# for the `stancemap export` tests. Installs Debian's postgresql package when
# no server binaries are present, creates a cluster in a temporary folder,
# starts it on 127.0.0.1 at a free port, exports STANCEMAP_TEST_POSTGRES_URL
# and stops it (and removes the folder) when the calling script exits.
#
# PostgreSQL refuses to run as root, so as root the cluster belongs to the
# `postgres` user the package creates (or one made here). The EXIT trap chains
# onto any trap already set; a step added later should chain onto this one in
# the same way rather than replace it.

stancemap_pg_bin() {
  local dir
  dir=$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1)
  if [ -z "$dir" ] && command -v pg_ctl >/dev/null 2>&1; then dir=$(dirname "$(command -v pg_ctl)"); fi
  printf '%s' "$dir"
}

STANCEMAP_PG_BIN=$(stancemap_pg_bin)
if [ -z "$STANCEMAP_PG_BIN" ] || [ ! -x "$STANCEMAP_PG_BIN/initdb" ]; then
  echo "ci: installing postgresql" >&2
  apt-get update -qq
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq postgresql >/dev/null
  STANCEMAP_PG_BIN=$(stancemap_pg_bin)
fi

STANCEMAP_PG_DIR=$(mktemp -d /tmp/stancemap-pg.XXXXXX)
if [ "$(id -u)" = 0 ]; then
  id postgres >/dev/null 2>&1 || useradd --system --no-create-home postgres
  chown postgres "$STANCEMAP_PG_DIR"
  stancemap_pg_as_owner() { runuser -u postgres -- "$@"; }
else
  stancemap_pg_as_owner() { "$@"; }
fi

STANCEMAP_PG_PORT=$(node -e "const s=require('net').createServer();s.listen(0,'127.0.0.1',()=>{console.log(s.address().port);s.close()})")
stancemap_pg_as_owner "$STANCEMAP_PG_BIN/initdb" -D "$STANCEMAP_PG_DIR/data" -U postgres --auth=trust -E UTF8 --no-locale >/dev/null
# fsync off: the cluster is thrown away; the tests kill clients, never the server.
stancemap_pg_as_owner "$STANCEMAP_PG_BIN/pg_ctl" -D "$STANCEMAP_PG_DIR/data" -l "$STANCEMAP_PG_DIR/server.log" -w \
  -o "-c listen_addresses=127.0.0.1 -p $STANCEMAP_PG_PORT -k $STANCEMAP_PG_DIR -c fsync=off" start >/dev/null

stancemap_pg_stop() {
  stancemap_pg_as_owner "$STANCEMAP_PG_BIN/pg_ctl" -D "$STANCEMAP_PG_DIR/data" -m fast -w stop >/dev/null 2>&1 || true
  rm -rf "$STANCEMAP_PG_DIR"
}
STANCEMAP_PG_PREVIOUS_TRAP=$(trap -p EXIT | sed -e "s/^trap -- '//" -e "s/' EXIT\$//")
# shellcheck disable=SC2064 # the previous trap is expanded now, on purpose
trap "stancemap_pg_stop; ${STANCEMAP_PG_PREVIOUS_TRAP}" EXIT

export STANCEMAP_TEST_POSTGRES_URL="postgres://postgres@127.0.0.1:$STANCEMAP_PG_PORT/postgres"
echo "ci: PostgreSQL $("$STANCEMAP_PG_BIN/pg_ctl" --version | awk '{print $3}') on 127.0.0.1:$STANCEMAP_PG_PORT" >&2
