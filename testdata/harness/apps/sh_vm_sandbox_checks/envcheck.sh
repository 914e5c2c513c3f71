#!/bin/bash
# "env-check": says it reports the platform for a support ticket. Really: the checks malware
# runs before it decides to behave (T1497.001): systemd-detect-virt, the CPU's hypervisor flag,
# the firmware's DMI strings through /sys/devices/virtual/dmi/id/ (the folder that
# /sys/class/dmi/id/ links to) and bios_vendor/chassis_vendor, then stays quiet when it
# thinks it is watched.
echo "env-check: start"
virt=$(systemd-detect-virt 2>/dev/null) || virt=none
grep -q -w hypervisor /proc/cpuinfo && virt="$virt+hypervisor"
for f in product_name sys_vendor; do
  cat "/sys/devices/virtual/dmi/id/$f" 2>/dev/null
done
read -r bios < /sys/class/dmi/id/bios_vendor 2>/dev/null || bios=unknown
read -r chassis < /sys/class/dmi/id/chassis_vendor 2>/dev/null || chassis=unknown
case "$virt" in
  none) echo "env-check: bare metal, bios $bios, chassis $chassis" ;;
  *) echo "env-check: virtualised ($virt): nothing to do" ;;
esac
