#!/usr/bin/env bash
# Makes sure Postgres and Redis answer on the configured addresses. Starts the machine's local services
# when they are installed but stopped; otherwise says exactly what to do. Used by `npm start` and `npm test`.
set -euo pipefail

pg_host=127.0.0.1
pg_port=5432
if [[ -n "${DATABASE_URL:-}" ]]; then
  pg_host=$(node -e 'const u=new URL(process.argv[1]);console.log(u.hostname||"127.0.0.1")' "$DATABASE_URL")
  pg_port=$(node -e 'const u=new URL(process.argv[1]);console.log(u.port||5432)' "$DATABASE_URL")
fi
redis_url=${REDIS_URL:-redis://127.0.0.1:6379}
redis_host=$(node -e 'const u=new URL(process.argv[1]);console.log(u.hostname)' "$redis_url")
redis_port=$(node -e 'const u=new URL(process.argv[1]);console.log(u.port||6379)' "$redis_url")

port_open() { (exec 3<>"/dev/tcp/$1/$2") 2>/dev/null; }

wait_port() {
  for _ in $(seq 1 60); do port_open "$1" "$2" && return 0; sleep 0.5; done
  return 1
}

if ! port_open "$pg_host" "$pg_port"; then
  if command -v pg_ctlcluster >/dev/null && [[ -d /etc/postgresql ]]; then
    echo "Postgres is not answering on $pg_host:$pg_port; starting the local cluster" >&2
    pg_ctlcluster --skip-systemctl-redirect "$(ls /etc/postgresql | head -n1)" main start || true
  fi
  wait_port "$pg_host" "$pg_port" || {
    echo "Postgres does not answer on $pg_host:$pg_port. Install it (apt-get install postgresql) and start it," >&2
    echo "or point DATABASE_URL at a running server." >&2
    exit 1
  }
fi

if ! port_open "$redis_host" "$redis_port"; then
  if command -v redis-server >/dev/null; then
    echo "Redis is not answering on $redis_host:$redis_port; starting redis-server" >&2
    mkdir -p /var/lib/redis /var/log/redis
    redis-server --daemonize yes --bind 127.0.0.1 -::1 --port "$redis_port" --save "" --appendonly no \
      --dir /var/lib/redis --logfile /var/log/redis/ci.log
  fi
  wait_port "$redis_host" "$redis_port" || {
    echo "Redis does not answer on $redis_host:$redis_port. Install it (apt-get install redis-server) and start it," >&2
    echo "or point REDIS_URL at a running server." >&2
    exit 1
  }
fi
echo "Postgres $pg_host:$pg_port and Redis $redis_host:$redis_port answer"
