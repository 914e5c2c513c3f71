// echod: a TCP echo service on 127.0.0.1:8154, std only, one thread per connection.
use std::io::{Read, Write};
use std::net::{TcpListener, TcpStream};
use std::thread;

fn serve(mut s: TcpStream) {
    let peer = s.peer_addr().map(|a| a.to_string()).unwrap_or_default();
    let mut buf = [0u8; 512];
    let mut n = 0usize;
    loop {
        match s.read(&mut buf) {
            Ok(0) | Err(_) => break,
            Ok(r) => {
                if s.write_all(&buf[..r]).is_err() { break; }
                n += r;
            }
        }
    }
    println!("echod: {} closed after {} bytes", peer, n);
}

fn main() {
    let l = TcpListener::bind("127.0.0.1:8154").expect("bind");
    println!("echod: listening on 127.0.0.1:8154");
    for c in l.incoming() {
        match c {
            Ok(s) => { thread::spawn(move || serve(s)); }
            Err(e) => eprintln!("echod: accept: {}", e),
        }
    }
}
