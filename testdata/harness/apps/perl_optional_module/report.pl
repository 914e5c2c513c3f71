#!/usr/bin/perl
# disk-report: sums the sizes of data/*.log per day. Uses JSON::XS when it is installed (it is
# not here: the eval catches the failed require and falls back to JSON::PP, core Perl), and
# its own Report::Table from lib/.
use strict;
use warnings;
use FindBin;
use lib "$FindBin::Bin/lib";
use Report::Table;

my $json_class = eval { require JSON::XS; 'JSON::XS' } || do { require JSON::PP; 'JSON::PP' };
print STDERR "disk-report: JSON::XS not installed, using $json_class\n" if $json_class ne 'JSON::XS';

my %per_day;
for my $f (glob "$FindBin::Bin/data/*.log") {
  open my $fh, '<', $f or die "$f: $!";
  while (<$fh>) { my ($day, $bytes) = split; $per_day{$day} += $bytes; }
  close $fh;
}
print Report::Table::render(\%per_day);
mkdir "$FindBin::Bin/out" unless -d "$FindBin::Bin/out";
open my $out, '>', "$FindBin::Bin/out/report.json" or die $!;
print $out $json_class->new->canonical->encode(\%per_day), "\n";
close $out;
