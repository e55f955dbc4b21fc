#!/bin/sh
# Set up everything `rollout` needs on a Debian machine, then run one job:
#   sh .ci/setup.sh demo   build the bundled demo organization (site and PDF packs) into ./demo
#   sh .ci/setup.sh test   run the whole test suite (in parallel, lint and type checks included)
# Installs missing system packages with apt-get (as root, or through sudo), creates .venv,
# installs the package into it. Safe to run again: it only installs what is missing.
set -eu
cd "$(dirname "$0")/.."
job=${1:-demo}
case "$job" in demo|test) ;; *) echo "usage: sh .ci/setup.sh demo|test" >&2; exit 2 ;; esac
PYTHON=${PYTHON:-python3}

# Debian packages, checked by name with dpkg (a package counts as present when it, or an
# installed package that Provides it, is in state "ii"; NodeSource's nodejs provides npm).
#   python3 python3-venv      the interpreter (3.11 on bookworm) and `python -m venv`
#   libpango-1.0-0 libpangoft2-1.0-0 libharfbuzz-subset0 fontconfig   WeasyPrint (PDF packs)
#   fonts-dejavu-core         Arabic, Hebrew and symbols ("DejaVu Sans", second in the font chain)
#   fonts-liberation          Latin ("Liberation Sans", the packs' first font)
#   fonts-wqy-microhei        Chinese, Japanese and Korean in one 5 MB font (fonts-noto-cjk is 91 MB)
#   fonts-noto-color-emoji    emoji; WeasyPrint draws its colour bitmaps into the PDF (tests/packs/test_fonts.py)
DEMO_PACKAGES="python3 python3-venv libpango-1.0-0 libpangoft2-1.0-0 libharfbuzz-subset0 fontconfig
fonts-dejavu-core fonts-liberation fonts-wqy-microhei fonts-noto-color-emoji"
#   chromium                  browser tests of the site (Playwright drives /usr/bin/chromium)
#   libatomic1                Playwright's bundled node driver links it (missing on a minimal system:
#                             found by tests/fresh_machine.sh, "libatomic.so.1: cannot open shared object")
#   npm                       installs axe-core for the accessibility test (tests/report/package.json)
#   poppler-utils tmux git    PDF pages as PNG, terminal sessions, and the repository itself
TEST_PACKAGES="chromium libatomic1 npm poppler-utils tmux git"

installed=$(dpkg-query -W -f='${db:Status-Abbrev} ${Package} ${Provides}\n' 2>/dev/null || true)
have_pkg() {
  printf '%s\n' "$installed" | awk -v want="$1" '
    $1 == "ii" { for (i = 2; i <= NF; i++) { name = $i; sub(/,$/, "", name); if (name == want) found = 1 } }
    END { exit !found }'
}
wanted=$DEMO_PACKAGES
if [ "$job" = test ]; then wanted="$wanted $TEST_PACKAGES"; fi
missing=""
for pkg in $wanted; do
  have_pkg "$pkg" || missing="$missing $pkg"
done
if [ -n "$missing" ]; then
  if [ "$(id -u)" = 0 ]; then sudo=""; elif command -v sudo >/dev/null 2>&1; then sudo="sudo"; else
    echo "setup: please install these Debian packages first:$missing" >&2; exit 1
  fi
  echo "setup: installing system packages:$missing"
  $sudo apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq --no-install-recommends $missing >/dev/null
fi
"$PYTHON" -c 'import sys; assert sys.version_info >= (3, 11)' 2>/dev/null || {
  echo "setup: $PYTHON is older than Python 3.11; set PYTHON=/path/to/python3.11 and run again" >&2; exit 1
}

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
# Bytecode is written, under .venv/pycache (not next to the sources): with PYTHONDONTWRITEBYTECODE
# set, every test worker and every `python -m rollout` a test starts compiled all its modules
# from source again (pytest's assertion rewriting alone: 7 s of CPU per worker, 2.5 s cached).
unset PYTHONDONTWRITEBYTECODE
PYTHONPYCACHEPREFIX="$PWD/.venv/pycache"
export PYTHONPYCACHEPREFIX
exec .venv/bin/python -m pytest
