#!/usr/bin/env bash
# Installs the Debian packages the workstation needs when they are missing.
#   packaging/debian-deps.sh run    -> libraries Qt needs to open a window (xcb, EGL, GL)
#   packaging/debian-deps.sh test   -> the same plus Xvfb for headless tests, and Orthanc with
#                                      its DICOMweb plugin (a real PACS the DICOMweb tests start
#                                      on a free loopback port; its system service is not used)
# As root it installs them with apt-get; otherwise it prints the command to run.
set -euo pipefail
mode=${1:-run}
pkgs=(python3-venv libxcb-icccm4 libxcb-image0 libxcb-keysyms1 libxcb-randr0 libxcb-render-util0
      libxcb-shape0 libxcb-xinerama0 libxcb-xkb1 libxkbcommon-x11-0 libxcb-cursor0 libegl1
      libgl1-mesa-dri libfontconfig1 libdbus-1-3 fonts-dejavu-core)
if [ "$mode" = test ]; then
  pkgs+=(xvfb xauth openjph-tools orthanc orthanc-dicomweb)
fi
command -v dpkg-query >/dev/null 2>&1 || { echo "not a Debian system: install the Qt xcb/EGL libraries yourself"; exit 0; }
missing=()
for p in "${pkgs[@]}"; do
  if ! dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed"; then
    # python3-venv is only needed when the interpreter cannot make a venv by itself.
    if [ "$p" = python3-venv ] && python3 -c 'import ensurepip, venv' 2>/dev/null; then continue; fi
    missing+=("$p")
  fi
done
[ ${#missing[@]} -eq 0 ] && exit 0
if [ "$(id -u)" = 0 ]; then
  echo "Installing Debian packages: ${missing[*]}"
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq
  apt-get install -y -qq --no-install-recommends "${missing[@]}"
else
  echo "Missing Debian packages: ${missing[*]}"
  echo "Run: sudo apt-get install ${missing[*]}"
  [ "$mode" = test ] && exit 1 || exit 0
fi
