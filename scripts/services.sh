#!/usr/bin/env bash
# Starts the local services the tests use (PostgreSQL, MariaDB, RabbitMQ, Redis) when they are
# installed but stopped, then waits until each accepts connections. A service that is not installed
# is skipped with a note outside CI; under CI=true it is an error, because the tests need it.
set -euo pipefail

ci="${CI:-false}"
missing=()

wait_for_port() { # name port
  local name=$1 port=$2
  for _ in $(seq 1 60); do
    if (exec 3<>"/dev/tcp/127.0.0.1/$port") 2>/dev/null; then
      return 0
    fi
    sleep 1
  done
  echo "services: $name did not accept connections on 127.0.0.1:$port within 60 s" >&2
  return 1
}

port_open() { (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null; }

if port_open 5432; then :
elif command -v pg_ctlcluster >/dev/null && [[ -d /etc/postgresql ]]; then
  echo "services: starting PostgreSQL" >&2
  pg_ctlcluster --skip-systemctl-redirect "$(ls /etc/postgresql | head -n 1)" main start || true
  wait_for_port PostgreSQL 5432
else
  missing+=(PostgreSQL)
fi

if port_open 3306; then :
elif [[ -x /usr/sbin/mariadbd ]]; then
  echo "services: starting MariaDB" >&2
  start-stop-daemon --start --oknodo --background --exec /usr/sbin/mariadbd
  wait_for_port MariaDB 3306
else
  missing+=(MariaDB)
fi

if port_open 5672; then :
elif command -v rabbitmq-server >/dev/null; then
  echo "services: starting RabbitMQ" >&2
  rabbitmq-server -detached
  wait_for_port RabbitMQ 5672
else
  missing+=(RabbitMQ)
fi

if port_open 6379; then :
elif command -v redis-server >/dev/null; then
  echo "services: starting Redis" >&2
  mkdir -p /var/lib/redis /var/log/redis
  # No persistence: the tests' keys are throw-away.
  redis-server --daemonize yes --bind 127.0.0.1 -::1 --port 6379 --save "" --appendonly no \
    --dir /var/lib/redis --logfile /var/log/redis/ci.log
  wait_for_port Redis 6379
else
  missing+=(Redis)
fi

if ((${#missing[@]})); then
  if [[ "$ci" == "true" ]]; then
    echo "services: not installed: ${missing[*]}; CI=true needs them all" >&2
    exit 1
  fi
  echo "services: not installed, tests that need them will be skipped: ${missing[*]}" >&2
fi
