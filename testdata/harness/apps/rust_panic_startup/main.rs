// "ingestd": a Rust (std only) service that reads its settings from ingestd.conf in the work
// dir before it binds 127.0.0.1:8096. The deployment forgot the file, and the code unwraps
// the read: it panics at start-up, exit 101. The harness's INCONCLUSIVE Rust crash case.
use std::io::{Read, Write};
use std::net::TcpListener;

fn main() {
    eprintln!("ingestd: starting");
    let conf = std::fs::read_to_string("ingestd.conf").unwrap();
    let port: u16 = conf.trim().parse().expect("port");
    let l = TcpListener::bind(("127.0.0.1", port)).unwrap();
    for s in l.incoming() {
        let mut s = s.unwrap();
        let mut b = [0u8; 512];
        let _ = s.read(&mut b);
        let _ = s.write_all(b"HTTP/1.0 200 OK\r\n\r\nok\n");
    }
}
