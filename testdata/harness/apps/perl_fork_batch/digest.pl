#!/usr/bin/perl
# digest.pl: a batch job. Forks one worker per input/*.log (no exec); each counts the lines
# per level and writes out/<name>.count; the parent reaps them with waitpid, merges the
# counts into out/levels.txt (.tmp + rename) and prints a summary.
use strict;
use warnings;
my @inputs = sort glob("input/*.log");
mkdir "out" unless -d "out";
my %kid;
for my $f (@inputs) {
  my $pid = fork();
  die "fork: $!" unless defined $pid;
  if ($pid == 0) {
    my %n;
    open(my $in, '<', $f) or die "$f: $!";
    while (<$in>) { $n{$1}++ if /^(\w+)/; }
    close $in;
    (my $base = $f) =~ s{.*/|\.log$}{}g;
    open(my $out, '>', "out/$base.count") or die;
    print $out "$_ $n{$_}\n" for sort keys %n;
    close $out;
    exit 0;
  }
  $kid{$pid} = $f;
}
while ((my $pid = waitpid(-1, 0)) > 0) { printf "worker %d (%s) exit %d\n", $pid, $kid{$pid}, $? >> 8; }
my %total;
for my $c (glob("out/*.count")) {
  open(my $in, '<', $c) or die;
  while (<$in>) { my ($k, $v) = split; $total{$k} += $v; }
  close $in;
  unlink $c;
}
open(my $o, '>', "out/levels.txt.tmp") or die;
print $o "$_ $total{$_}\n" for sort keys %total;
close $o;
rename "out/levels.txt.tmp", "out/levels.txt" or die;
print "levels: ", join(", ", map { "$_=$total{$_}" } sort keys %total), "\n";
