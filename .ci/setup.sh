#!/bin/sh
# Set up everything `rollout` needs on a Debian machine, then run one job:
#   sh .ci/setup.sh demo   build the bundled demo organization (site and PDF packs) into ./demo
#   sh .ci/setup.sh test   run the whole test suite
# Installs missing system packages with apt-get (as root, or through sudo), creates .venv,
# installs the package into it. Safe to run again: it only installs what is missing.
set -eu
cd "$(dirname "$0")/.."
job=${1:-demo}
case "$job" in demo|test) ;; *) echo "usage: sh .ci/setup.sh demo|test" >&2; exit 2 ;; esac
PYTHON=${PYTHON:-python3}

missing=""
have_lib() { ldconfig -p 2>/dev/null | grep -q "$1" || dpkg -s "$2" >/dev/null 2>&1; }
"$PYTHON" -c 'import sys; assert sys.version_info >= (3, 11)' 2>/dev/null || missing="$missing python3 python3-venv"
"$PYTHON" -c 'import ensurepip, venv' 2>/dev/null || missing="$missing python3-venv"
have_lib libpango-1.0.so libpango-1.0-0 || missing="$missing libpango-1.0-0"
have_lib libpangoft2-1.0.so libpangoft2-1.0-0 || missing="$missing libpangoft2-1.0-0"
have_lib libharfbuzz-subset.so libharfbuzz-subset0 || missing="$missing libharfbuzz-subset0"
fc-list 2>/dev/null | grep -qi dejavu || missing="$missing fonts-dejavu-core fontconfig"
if [ "$job" = test ]; then
  command -v chromium >/dev/null 2>&1 || missing="$missing chromium"
  command -v pdftoppm >/dev/null 2>&1 || missing="$missing poppler-utils"
  command -v tmux >/dev/null 2>&1 || missing="$missing tmux"
  command -v npm >/dev/null 2>&1 || missing="$missing npm"
  command -v git >/dev/null 2>&1 || missing="$missing git"
fi
if [ -n "$missing" ]; then
  if [ "$(id -u)" = 0 ]; then sudo=""; elif command -v sudo >/dev/null 2>&1; then sudo="sudo"; else
    echo "setup: please install these Debian packages first:$missing" >&2; exit 1
  fi
  echo "setup: installing system packages:$missing"
  $sudo apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq --no-install-recommends $missing >/dev/null
fi

if [ ! -x .venv/bin/python ]; then
  "$PYTHON" -m venv .venv
fi
stamp=.venv/.installed-$job
if [ ! -f "$stamp" ] || [ pyproject.toml -nt "$stamp" ]; then
  echo "setup: installing rollout into .venv"
  .venv/bin/python -m pip install -q --disable-pip-version-check --upgrade pip >/dev/null 2>&1 || true
  if [ "$job" = test ]; then extras="[test]"; else extras=""; fi
  .venv/bin/python -m pip install -q --disable-pip-version-check -e ".$extras"
  touch "$stamp"
fi

if [ "$job" = demo ]; then
  exec .venv/bin/rollout demo demo --force
fi
if [ -f tests/report/package.json ] && [ ! -d tests/report/node_modules ]; then
  (cd tests/report && npm install --silent --no-audit --no-fund >/dev/null)
fi
exec .venv/bin/python -m pytest
