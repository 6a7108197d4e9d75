#!/usr/bin/env bash
# Installs and configures Tiny Tiny RSS (Debian bookworm's `tt-rss`) with PostgreSQL 15 on
# 127.0.0.1, for the sync tests (tests/sync_ttrss.rs). Idempotent; needs root (apt, postgres).
# It does not start TT-RSS itself: each test starts its own `php -S 127.0.0.1:PORT` on the
# configured install (so it can stop and restart it), and creates its own TT-RSS user.
#
# TT-RSS refuses to fetch feeds from loopback hosts or ports other than 80/443
# (UrlHelper::validate), so it is told to fetch through an HTTP proxy on 127.0.0.1:$FEED_PORT
# and the tests subscribe to http://feeds.invalid/NAME.xml (the name does not resolve, so the
# loopback check passes; curl hands the absolute URL to the proxy, which the test serves).
#
# Env: FEED_PORT (default 18281), TT_PORT (only written to SELF_URL_PATH; default 8280).
set -euo pipefail
FEED_PORT=${FEED_PORT:-18281}
TT_PORT=${TT_PORT:-8280}
say() { echo "ttrss-up: $*" >&2; }
[ "$(id -u)" = 0 ] || { say "needs root (apt-get, PostgreSQL roles); the sync tests will skip"; exit 1; }
start=$(date +%s)

if [ ! -f /usr/share/tt-rss/www/api/index.php ] || ! command -v php >/dev/null || ! command -v psql >/dev/null; then
  say "installing tt-rss, php and postgresql-15 from Debian"
  echo "tt-rss tt-rss/dbconfig-install boolean false" | debconf-set-selections
  apt-get update -qq
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends \
    tt-rss dbconfig-no-thanks php-cli php-pgsql php-curl php-intl php-mbstring php-xml \
    postgresql-15 postgresql-client-15 >/dev/null
fi

# PostgreSQL: the package creates cluster 15/main (localhost:5432); start it when it is down.
pg_lsclusters -h | awk '$1==15 && $2=="main"' | grep -q online || pg_ctlcluster 15 main start
for _ in $(seq 50); do pg_isready -q -h 127.0.0.1 -p 5432 && break; sleep 0.1; done

# Role and database (kept when present: re-running keeps the tests' users).
if ! su postgres -c "psql -tAc \"SELECT 1 FROM pg_roles WHERE rolname='ttrss'\"" | grep -q 1; then
  su postgres -c "psql -q -v ON_ERROR_STOP=1 -c \"CREATE ROLE ttrss LOGIN PASSWORD 'ttrss'\""
fi
if ! su postgres -c "psql -tAc \"SELECT 1 FROM pg_database WHERE datname='ttrss'\"" | grep -q 1; then
  su postgres -c "psql -q -v ON_ERROR_STOP=1 -c \"CREATE DATABASE ttrss OWNER ttrss ENCODING 'UTF8' TEMPLATE template0\""
fi
if ! PGPASSWORD=ttrss psql -h 127.0.0.1 -U ttrss -d ttrss -tAc "SELECT 1 FROM ttrss_users LIMIT 1" >/dev/null 2>&1; then
  PGPASSWORD=ttrss psql -h 127.0.0.1 -U ttrss -d ttrss -q -v ON_ERROR_STOP=1 \
    -f /usr/share/tt-rss/schema/ttrss_schema_pgsql.sql >/dev/null 2>&1
fi

# TT-RSS config: database.php (dbconfig would write it) and config.php edits.
cat > /etc/tt-rss/database.php <<PHP
<?php
\$dbuser='ttrss'; \$dbpass='ttrss'; \$basepath=''; \$dbname='ttrss';
\$dbserver='127.0.0.1'; \$dbport='5432'; \$dbtype='pgsql';
PHP
C=/etc/tt-rss/config.php
sed -i "s|define('SELF_URL_PATH', '[^']*');|define('SELF_URL_PATH', 'http://127.0.0.1:${TT_PORT}/');|" "$C"
sed -i "s|define('LOG_DESTINATION', '[^']*');|define('LOG_DESTINATION', '');|" "$C"
sed -i "/define('_HTTP_PROXY'/d" "$C"
sed -i "s|define('CONFIG_VERSION', 26);|define('_HTTP_PROXY', '127.0.0.1:${FEED_PORT}');\n\tdefine('CONFIG_VERSION', 26);|" "$C"
grep -q "_HTTP_PROXY', '127.0.0.1:${FEED_PORT}'" "$C" || { say "could not set _HTTP_PROXY in $C"; exit 1; }
# The feed cache is reused for 30 s and must be writable by www-data, who runs the server.
rm -f /var/cache/tt-rss/feeds/*.xml
chown -R www-data:www-data /var/cache/tt-rss 2>/dev/null || true

# Smoke: the API answers through PHP's built-in server.
PORT=$((TT_PORT + 17))
setpriv --reuid=www-data --regid=www-data --init-groups php -S 127.0.0.1:$PORT -t /usr/share/tt-rss/www >/dev/null 2>&1 &
PID=$!
ok=
for _ in $(seq 50); do
  if php -r 'echo @file_get_contents("http://127.0.0.1:'$PORT'/api/", false, stream_context_create(["http"=>["method"=>"POST","header"=>"Content-Type: application/json","content"=>"{\"op\":\"getApiLevel\"}"]]));' 2>/dev/null | grep -q '"content"'; then ok=1; break; fi
  sleep 0.1
done
kill "$PID" 2>/dev/null || true
wait "$PID" 2>/dev/null || true
[ -n "$ok" ] || { say "TT-RSS did not answer on 127.0.0.1:$PORT"; exit 1; }
say "ready in $(( $(date +%s) - start )) s (API checked; feed proxy port $FEED_PORT)"
