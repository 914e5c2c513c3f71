#!/bin/bash
# Case sh_vm_sandbox_checks: a bash "env-check" (apps/sh_vm_sandbox_checks/envcheck.sh, run as
# auditor) that asks whether it runs in a VM or container the ways sandbox-aware malware does:
# systemd-detect-virt (which itself reads /proc/1/environ, /.dockerenv, /run/.containerenv and
# the DMI files), `grep -q -w hypervisor /proc/cpuinfo`, cat of product_name and sys_vendor
# under /sys/devices/virtual/dmi/id/, `read` of bios_vendor and chassis_vendor under
# /sys/class/dmi/id/ (the redirections are bash's own opens). No network, no file written.
# Ends by itself; ss/ps are taken after the run.
# Run as root: testdata/harness/sh_vm_sandbox_checks.sh
set -euo pipefail
CASE_HOSTNAME=6b1d0e8f3a27
source "$(dirname "$(readlink -f "$0")")/lib.sh"
enter_sandbox sh_vm_sandbox_checks
# ---- from here on: PID 1 inside the sandbox ----
install_app sh_vm_sandbox_checks
start_inotify -m -r /home/auditor /tmp
trace_app -f -tt -T -yy -s 128 \
  -e 'trace=!brk,rt_sigaction,rt_sigprocmask,mprotect,lseek,futex,pread64' \
  -- ./envcheck.sh
finish_cli plain_snapshots
