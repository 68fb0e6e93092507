#!/usr/bin/env bash
# Sourced by the benchmark scripts: starts a throwaway nginx on a free loopback port that answers every path
# with a static 200. Usage (the caller stops it in its own exit trap):
#   . scripts/bench/nginx-on-loopback.sh; start_nginx "$WORK"   # sets NGINX_PORT; stop_nginx on exit
# Needs nginx (Debian: apt-get install -y nginx; installed automatically when run as root).

start_nginx() { # $1 = work folder (holds the config, pid and error log)
  local work=$1
  if ! command -v nginx >/dev/null; then
    if [ "$(id -u)" = 0 ]; then apt-get install -y nginx >/dev/null || { apt-get update >/dev/null && apt-get install -y nginx >/dev/null; }
    else echo "error: nginx is needed: sudo apt-get install -y nginx" >&2; exit 1; fi
  fi
  NGINX_PORT=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])')
  cat > "$work/nginx.conf" <<CONF
worker_processes 1;
pid $work/nginx.pid;
error_log $work/error.log;
events { worker_connections 1024; }
http {
  access_log off;
  server {
    listen 127.0.0.1:$NGINX_PORT;
    location / { return 200 "ok\n"; }
  }
}
CONF
  nginx -c "$work/nginx.conf" -p "$work"
  NGINX_PID_FILE="$work/nginx.pid"
  # Readiness: the port accepts connections (nginx forks before it listens).
  for _ in $(seq 1 50); do (exec 3<>"/dev/tcp/127.0.0.1/$NGINX_PORT") 2>/dev/null && return 0; sleep 0.1; done
  echo "error: nginx did not start on 127.0.0.1:$NGINX_PORT (see $work/error.log)" >&2
  exit 1
}

stop_nginx() {
  [ -n "${NGINX_PID_FILE:-}" ] && [ -f "$NGINX_PID_FILE" ] && kill "$(cat "$NGINX_PID_FILE")" 2>/dev/null || true
  NGINX_PID_FILE=""
}
