// notesd: a small JSON notes API on 127.0.0.1:8091 (test program for rundown, clean on purpose).
//
//	GET  /healthz          "ok"
//	GET  /api/notes        every note as JSON
//	POST /api/notes        the body becomes a note; all notes are saved to data/notes.json
//	GET  /api/search?q=..  notes that contain q, after a CPU-bound scoring pass (long enough
//	                       for the Go runtime to preempt the goroutine with SIGURG)
//
// Logs with the log package to stderr. SIGTERM or SIGINT: server.Shutdown, exit 0.
package main

import (
	"context"
	"crypto/sha256"
	"encoding/json"
	"errors"
	"io"
	"log"
	"net/http"
	"os"
	"os/signal"
	"path/filepath"
	"strings"
	"sync"
	"syscall"
	"time"
)

type note struct {
	ID      int       `json:"id"`
	Text    string    `json:"text"`
	Created time.Time `json:"created"`
}

type store struct {
	mu    sync.Mutex
	path  string
	notes []note
}

func (s *store) load() error {
	b, err := os.ReadFile(s.path)
	if errors.Is(err, os.ErrNotExist) {
		return nil
	}
	if err != nil {
		return err
	}
	return json.Unmarshal(b, &s.notes)
}

// save writes the notes to a temporary file and renames it over the old one.
func (s *store) save() error {
	b, err := json.MarshalIndent(s.notes, "", "  ")
	if err != nil {
		return err
	}
	tmp := s.path + ".tmp"
	if err := os.WriteFile(tmp, b, 0o644); err != nil {
		return err
	}
	return os.Rename(tmp, s.path)
}

func (s *store) add(text string) (note, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	n := note{ID: len(s.notes) + 1, Text: text, Created: time.Now().UTC()}
	s.notes = append(s.notes, n)
	return n, s.save()
}

func (s *store) all() []note {
	s.mu.Lock()
	defer s.mu.Unlock()
	return append([]note(nil), s.notes...)
}

// score hashes the text many times: a tight loop with no function call that blocks, so the
// scheduler's sysmon has to preempt it asynchronously (SIGURG) to run other goroutines.
func score(text string) byte {
	sum := sha256.Sum256([]byte(text))
	for i := 0; i < 200000; i++ {
		sum = sha256.Sum256(sum[:])
	}
	return sum[0]
}

func writeJSON(w http.ResponseWriter, code int, v any) {
	w.Header().Set("Content-Type", "application/json")
	w.WriteHeader(code)
	json.NewEncoder(w).Encode(v)
}

func routes(s *store) *http.ServeMux {
	mux := http.NewServeMux()
	mux.HandleFunc("/healthz", func(w http.ResponseWriter, r *http.Request) {
		io.WriteString(w, "ok\n")
	})
	mux.HandleFunc("/api/notes", func(w http.ResponseWriter, r *http.Request) {
		switch r.Method {
		case http.MethodGet:
			writeJSON(w, http.StatusOK, s.all())
		case http.MethodPost:
			body, err := io.ReadAll(io.LimitReader(r.Body, 4096))
			if err != nil || len(body) == 0 {
				writeJSON(w, http.StatusBadRequest, map[string]string{"error": "empty note"})
				return
			}
			n, err := s.add(strings.TrimSpace(string(body)))
			if err != nil {
				log.Printf("save: %v", err)
				writeJSON(w, http.StatusInternalServerError, map[string]string{"error": "not saved"})
				return
			}
			log.Printf("note %d saved (%d bytes)", n.ID, len(n.Text))
			writeJSON(w, http.StatusCreated, n)
		default:
			w.WriteHeader(http.StatusMethodNotAllowed)
		}
	})
	mux.HandleFunc("/api/search", func(w http.ResponseWriter, r *http.Request) {
		q := r.URL.Query().Get("q")
		type hit struct {
			note
			Score byte `json:"score"`
		}
		hits := []hit{}
		for _, n := range s.all() {
			if strings.Contains(n.Text, q) {
				hits = append(hits, hit{n, score(n.Text)})
			}
		}
		writeJSON(w, http.StatusOK, hits)
	})
	return mux
}

func logRequests(next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		start := time.Now()
		next.ServeHTTP(w, r)
		log.Printf("%s %s %s %v", r.RemoteAddr, r.Method, r.URL.Path, time.Since(start).Round(time.Millisecond))
	})
}

func main() {
	log.SetPrefix("notesd: ")
	if err := os.MkdirAll("data", 0o755); err != nil {
		log.Fatal(err)
	}
	s := &store{path: filepath.Join("data", "notes.json")}
	if err := s.load(); err != nil {
		log.Fatal(err)
	}
	srv := &http.Server{Addr: "127.0.0.1:8091", Handler: logRequests(routes(s)),
		ReadHeaderTimeout: 5 * time.Second}

	stop := make(chan os.Signal, 1)
	signal.Notify(stop, syscall.SIGTERM, syscall.SIGINT)
	done := make(chan struct{})
	go func() {
		sig := <-stop
		log.Printf("%v received, shutting down", sig)
		ctx, cancel := context.WithTimeout(context.Background(), 5*time.Second)
		defer cancel()
		if err := srv.Shutdown(ctx); err != nil {
			log.Printf("shutdown: %v", err)
		}
		close(done)
	}()

	log.Printf("listening on %s (%d notes)", srv.Addr, len(s.all()))
	if err := srv.ListenAndServe(); !errors.Is(err, http.ErrServerClosed) {
		log.Fatal(err)
	}
	<-done
	log.Printf("bye")
}
