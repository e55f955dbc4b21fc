#!/bin/sh
# Check the README's two commands on a really fresh Debian system (run by hand, as root; not in CI).
#
#   sh tests/fresh_machine.sh [ROOT] [BRANCH]
#
# Makes a minimal debootstrap chroot of this machine's Debian release in ROOT (default
# /tmp/rollout-fresh), installs python3 only (what the README assumes), clones this
# repository's BRANCH (default: the current one) into it, runs `sh .ci/setup.sh demo` and
# `sh .ci/setup.sh test` there, and prints what each installed and how long it took.
# /proc, /sys and /dev are mounted for the chroot and always unmounted afterwards.
# Needs: debootstrap, git and network access to deb.debian.org, PyPI and the npm registry.
# The host's CA bundle is handed to pip and npm (PIP_CERT, NODE_EXTRA_CA_CERTS) so that a
# network that inspects TLS works as it does on the host; nothing else comes from the host.
set -eu
repo=$(cd "$(dirname "$0")/.." && pwd)
root=${1:-/tmp/rollout-fresh}
branch=${2:-$(git -C "$repo" rev-parse --abbrev-ref HEAD)}
. /etc/os-release
release=$VERSION_CODENAME
mirror=${MIRROR:-http://deb.debian.org/debian}
limit=${LIMIT:-3600}  # seconds allowed for each step
jobs=${JOBS:-demo test}  # which of the README's commands to run, in order

[ "$(id -u)" = 0 ] || { echo "fresh_machine: run as root" >&2; exit 1; }
command -v debootstrap >/dev/null 2>&1 || { echo "fresh_machine: apt-get install debootstrap" >&2; exit 1; }

mounted=""
cleanup() {
  for m in $mounted; do umount "$m" 2>/dev/null || umount -l "$m" 2>/dev/null || true; done
}
trap cleanup EXIT INT TERM

stamp() { date +%s; }
took() { echo "$(($(stamp) - $1)) s"; }
packages() { chroot "$root" dpkg-query -W -f='${db:Status-Abbrev} ${Package}\n' | awk '$1 == "ii" { print $2 }' | sort; }

if [ ! -x "$root/usr/bin/apt-get" ]; then
  start=$(stamp)
  timeout "$limit" debootstrap --variant=minbase "$release" "$root" "$mirror" >"$root.debootstrap.log" 2>&1
  echo "debootstrap --variant=minbase $release: $(took "$start")"
fi
cat >"$root/etc/apt/sources.list" <<EOF
deb $mirror $release main
deb $mirror $release-updates main
deb http://deb.debian.org/debian-security $release-security main
EOF
cp /etc/resolv.conf "$root/etc/resolv.conf"
cp /etc/ssl/certs/ca-certificates.crt "$root/root/host-ca.crt"

for m in proc sys dev dev/pts; do
  mkdir -p "$root/$m"
  case $m in
    proc) mount -t proc proc "$root/proc" ;;
    sys) mount -t sysfs sys "$root/sys" ;;
    *) mount --bind "/$m" "$root/$m" ;;
  esac
  mounted="$root/$m $mounted"
done
mount -t tmpfs -o size=512m shm "$root/dev/shm"
mounted="$root/dev/shm $mounted"

run() {
  timeout "$limit" chroot "$root" /usr/bin/env -i HOME=/root PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin \
    LANG=C.UTF-8 PIP_CERT=/root/host-ca.crt NODE_EXTRA_CA_CERTS=/root/host-ca.crt /bin/sh -c "$1"
}

packages >"$root.packages-0"
start=$(stamp)
run "apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends python3 >/dev/null"
echo "apt-get install python3: $(took "$start"), $(run 'python3 --version')"
packages >"$root.packages-1"

rm -rf "$root/root/rollout"
git clone -q --branch "$branch" "$repo" "$root/root/rollout"
echo "cloned $branch at $(git -C "$root/root/rollout" rev-parse --short HEAD)"

status=0
previous="$root.packages-1"
for job in $jobs; do
  start=$(stamp)
  if run "cd /root/rollout && sh .ci/setup.sh $job" >"$root.$job.log" 2>&1; then result=passed; else result="FAILED ($?)"; status=1; fi
  echo "sh .ci/setup.sh $job: $result in $(took "$start") (log: $root.$job.log)"
  packages >"$root.packages-$job"
  echo "Debian packages added by setup $job: $(comm -13 "$previous" "$root.packages-$job" | wc -l)"
  comm -13 "$previous" "$root.packages-$job" | tr '\n' ' '; echo
  previous="$root.packages-$job"
  tail -n 3 "$root.$job.log"
done
exit $status
