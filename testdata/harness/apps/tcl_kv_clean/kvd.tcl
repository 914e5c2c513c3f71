# kvd: a small line-protocol key/value service in Tcl 8.6 (event loop, no threads of its own;
# the threaded Tcl build adds its notifier thread). Listens on 127.0.0.1:PORT; commands
# "SET k v", "GET k", "DEL k", "KEYS", "QUIT". Every change is appended to data/journal.log and
# the whole store is saved to data/store.db (write store.db.tmp, rename) every 5 changes.
# A "checkpoint" timer writes stats to data/stats.txt every 200 ms. Logs to stdout.
set port [lindex $argv 0]
set dir [file join [pwd] data]
file mkdir $dir
array set store {}
set changes 0
set served 0

proc log {msg} { puts "[clock format [clock seconds] -format %H:%M:%S] kvd: $msg"; flush stdout }

if {[file exists [file join $dir store.db]]} {
    set f [open [file join $dir store.db] r]
    array set store [read $f]
    close $f
}
set journal [open [file join $dir journal.log] a]

proc save {} {
    global dir store
    set f [open [file join $dir store.db.tmp] w]
    puts -nonewline $f [array get store]
    close $f
    file rename -force [file join $dir store.db.tmp] [file join $dir store.db]
}

proc changed {line} {
    global journal changes
    puts $journal $line
    flush $journal
    if {[incr changes] % 5 == 0} { save }
}

proc handle {chan} {
    global store served
    if {[gets $chan line] < 0} {
        if {[eof $chan]} { close $chan }
        return
    }
    set cmd [lindex $line 0]
    switch -- $cmd {
        SET { set store([lindex $line 1]) [lindex $line 2]; changed $line; puts $chan OK }
        GET {
            set k [lindex $line 1]
            if {[info exists store($k)]} { puts $chan "VALUE $store($k)" } else { puts $chan NOTFOUND }
        }
        DEL { unset -nocomplain store([lindex $line 1]); changed $line; puts $chan OK }
        KEYS { puts $chan [lsort [array names store]] }
        QUIT { puts $chan BYE; flush $chan; close $chan; return }
        default { puts $chan "ERR unknown command"; log "bad command from client: $cmd" }
    }
    flush $chan
    incr served
}

proc accept {chan addr port} {
    log "client $addr:$port"
    fconfigure $chan -buffering line -translation lf
    fileevent $chan readable [list handle $chan]
}

proc checkpoint {} {
    global dir served store
    set f [open [file join $dir stats.txt] w]
    puts $f "served=$served keys=[array size store]"
    close $f
    after 200 checkpoint
}

socket -server accept -myaddr 127.0.0.1 $port
log "listening on 127.0.0.1:$port"
after 200 checkpoint
vwait forever
