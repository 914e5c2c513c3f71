#!/usr/bin/tclsh
# report.tcl: a Tcl batch job (no expect). Reads input/*.csv, sorts the rows with the system's
# `sort` through Tcl's exec (a pipeline: sort -t, -k2 -n), counts them with `wc -l`, writes
# out/report.txt and a gzip'd copy (exec gzip -c), prints the total.
set files [lsort [glob -directory input *.csv]]
file mkdir out
set total 0
set out [open out/report.txt w]
foreach f $files {
    set sorted [exec sort -t, -k2 -n $f]
    set n [llength [split $sorted \n]]
    incr total $n
    puts $out "== [file tail $f] ($n rows)"
    puts $out $sorted
}
close $out
exec gzip -c out/report.txt > out/report.txt.gz
puts "rows: $total, lines: [string trim [exec wc -l out/report.txt]]"
