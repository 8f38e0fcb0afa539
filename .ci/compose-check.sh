#!/usr/bin/env bash
# Validates docker-compose.yml with Debian's docker-compose 1.29, which needs no Docker engine for `config`.
# It adds what e2e-tests' ComposeFileTest does not do: variable interpolation (a stray `$` fails here), references
# between services, and Compose's own reading of every key. Installs the Debian package when it is missing.
set -euo pipefail
cd "$(dirname "$0")/.."
if ! command -v docker-compose >/dev/null 2>&1; then
  echo "Installing Debian's docker-compose for the compose file check ..."
  apt-get update -qq
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq docker-compose >/dev/null
fi
docker-compose --version
docker-compose -f docker-compose.yml config -q
echo "docker-compose.yml: valid for $(docker-compose --version | cut -d, -f1)"
