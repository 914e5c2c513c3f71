#!/usr/bin/perl
# "status-board": a Perl 5 (ithreads) HTTP service on 127.0.0.1:8098. The main thread
# accepts and hands each connection's file descriptor to a pool of 3 worker threads through a
# Thread::Queue; once listening it runs a self-test (GET /health to itself) and logs the result.
# Writes its pid file and an access log under var/ in its app dir; SIGTERM: the pool is told to
# stop, the pid file removed, exit 0. Benign: the harness's PASS reference for Perl threads.
use strict;
use warnings;
use threads;
use Thread::Queue;
use IO::Socket::INET;
use IO::Handle;
use POSIX qw(strftime);

$| = 1;
mkdir "var";
open(my $pid, ">", "var/status-board.pid") or die "pid file: $!";
print $pid "$$\n";
close $pid;

my $q = Thread::Queue->new;
my $srv = IO::Socket::INET->new(LocalAddr => "127.0.0.1", LocalPort => 8098, Listen => 16,
                                ReuseAddr => 1, Proto => "tcp") or die "listen: $!";

sub handle {
  my ($fd) = @_;
  open(my $c, "+<&=", $fd) or return;
  my $req = <$c> // "";
  while (my $h = <$c>) { last if $h =~ /^\r?\n$/; }
  my ($path) = $req =~ m{^GET (\S+)};
  $path //= "?";
  my ($code, $body) = $path eq "/health" ? (200, "ok\n")
                    : $path eq "/"       ? (200, "status-board: all green\n")
                    :                      (404, "not found\n");
  print $c "HTTP/1.0 $code X\r\nContent-Length: " . length($body) . "\r\n\r\n$body";
  close $c;
  open(my $log, ">>", "var/access.log") or return;
  print $log strftime("%FT%T", localtime) . " " . threads->tid . " $path $code\n";
  close $log;
}

my @pool = map {
  threads->create(sub {
    while (defined(my $fd = $q->dequeue)) { handle($fd); }
  });
} 1 .. 3;

print "status-board listening on 127.0.0.1:8098 with ", scalar(@pool), " workers\n";
threads->create(sub {
  my $s = IO::Socket::INET->new(PeerAddr => "127.0.0.1", PeerPort => 8098, Proto => "tcp") or return;
  print $s "GET /health HTTP/1.0\r\n\r\n";
  my $status = <$s> // "";
  print "self-test: $status";
})->detach;

my $stop = 0;
$SIG{TERM} = sub { $stop = 1; };
my @keep;
while (!$stop) {
  my $c = $srv->accept or next;
  push @keep, $c;                  # the handle must outlive the worker's use of its fd
  $q->enqueue(fileno $c);
  @keep = @keep[-32 .. -1] if @keep > 64;
}
$q->end;
$_->join for @pool;
unlink "var/status-board.pid";
print "status-board stopped\n";
exit 0;
