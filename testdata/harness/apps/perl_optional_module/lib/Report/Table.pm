package Report::Table;
use strict;
use warnings;

# Two columns, the keys sorted.
sub render {
  my ($h) = @_;
  return join '', map { sprintf "%-12s %10d\n", $_, $h->{$_} } sort keys %$h;
}

1;
