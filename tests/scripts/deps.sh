#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# Install the Debian packages the workbench needs. Idempotent: does nothing
# (and needs no privileges) when everything is already installed.
set -euo pipefail

pkgs=(
	linux-source-6.12
	build-essential bc bison flex libssl-dev libelf-dev cpio kmod rsync xz-utils
	gcc-aarch64-linux-gnu gcc-arm-linux-gnueabihf ccache
	qemu-system-arm
	python3 python3-ply python3-git
	device-tree-compiler dt-schema yamllint debootstrap
	sparse
)

missing=()
for p in "${pkgs[@]}"; do
	dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q '^install ok installed$' ||
		missing+=("$p")
done
if [ ${#missing[@]} -eq 0 ]; then
	echo "deps: all ${#pkgs[@]} packages present"
	exit 0
fi

if [ "$(id -u)" -eq 0 ]; then
	sudo=()
elif command -v sudo >/dev/null && sudo -n true 2>/dev/null; then
	sudo=(sudo -n)
else
	echo "deps: missing packages: ${missing[*]}" >&2
	echo "deps: run 'make deps' as root (or with passwordless sudo) to install them" >&2
	exit 1
fi

echo "deps: installing ${missing[*]}"
export DEBIAN_FRONTEND=noninteractive
"${sudo[@]}" apt-get update -q
"${sudo[@]}" apt-get install -y -q --no-install-recommends "${missing[@]}"
