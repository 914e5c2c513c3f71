// "notes-api": a tiny JSON notes service on com.sun.net.httpserver (JDK only), bound to
// 127.0.0.1:8095 with a pool of 4 worker threads. Reads app.properties, appends an access
// log under logs/, keeps notes in data/notes.txt (write .tmp, rename). A shutdown hook
// (SIGTERM) stops the server and logs the stop. Benign: the harness's PASS reference for Java.
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.*;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.*;
import java.time.Instant;
import java.util.*;
import java.util.concurrent.*;

public class NotesServer {
  static final Path DATA = Paths.get("data", "notes.txt");
  static final Path LOG = Paths.get("logs", "access.log");
  static final List<String> notes = new CopyOnWriteArrayList<>();

  static synchronized void log(String line) throws IOException {
    Files.writeString(LOG, Instant.now() + " " + line + "\n", StandardCharsets.UTF_8,
        StandardOpenOption.CREATE, StandardOpenOption.APPEND);
  }

  static void send(HttpExchange ex, int code, String body) throws IOException {
    byte[] b = body.getBytes(StandardCharsets.UTF_8);
    ex.getResponseHeaders().set("Content-Type", "application/json");
    ex.sendResponseHeaders(code, b.length);
    try (OutputStream os = ex.getResponseBody()) { os.write(b); }
    log(ex.getRequestMethod() + " " + ex.getRequestURI() + " " + code);
  }

  static synchronized void save() throws IOException {
    Path tmp = Paths.get("data", "notes.txt.tmp");
    Files.write(tmp, notes, StandardCharsets.UTF_8);
    Files.move(tmp, DATA, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
  }

  public static void main(String[] args) throws Exception {
    Properties p = new Properties();
    try (InputStream in = Files.newInputStream(Paths.get("app.properties"))) { p.load(in); }
    int port = Integer.parseInt(p.getProperty("port", "8095"));
    Files.createDirectories(LOG.getParent());
    Files.createDirectories(DATA.getParent());
    if (Files.exists(DATA)) notes.addAll(Files.readAllLines(DATA));
    HttpServer s = HttpServer.create(new InetSocketAddress("127.0.0.1", port), 16);
    s.createContext("/api/status", ex -> send(ex, 200,
        "{\"notes\":" + notes.size() + ",\"threads\":" + Thread.activeCount() + "}"));
    s.createContext("/api/notes", ex -> {
      if ("POST".equals(ex.getRequestMethod())) {
        String body = new String(ex.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
        notes.add(body.trim());
        save();
        send(ex, 201, "{\"ok\":true}");
      } else {
        send(ex, 200, "{\"count\":" + notes.size() + "}");
      }
    });
    s.createContext("/", ex -> {
      if (!ex.getRequestURI().getPath().equals("/")) { send(ex, 404, "{\"error\":\"not found\"}"); return; }
      send(ex, 200, "{\"service\":\"" + p.getProperty("name", "notes") + "\"}");
    });
    ExecutorService pool = Executors.newFixedThreadPool(4);
    s.setExecutor(pool);
    s.start();
    System.out.println("notes-api listening on 127.0.0.1:" + port);
    Runtime.getRuntime().addShutdownHook(new Thread(() -> {
      s.stop(0);
      pool.shutdown();
      try { log("shutdown"); } catch (IOException e) { }
      System.out.println("notes-api stopped");
    }));
  }
}
