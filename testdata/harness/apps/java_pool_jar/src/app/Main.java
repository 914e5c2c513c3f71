package app;
import java.nio.file.*;
import java.util.*;
import java.util.concurrent.*;
import util.Checksum;
public class Main {
  public static void main(String[] a) throws Exception {
    ExecutorService pool = Executors.newFixedThreadPool(3);
    List<Future<String>> fs = new ArrayList<>();
    try (DirectoryStream<Path> ds = Files.newDirectoryStream(Paths.get("input"))) {
      for (Path p : ds) fs.add(pool.submit(() -> p.getFileName() + " " + Long.toHexString(Checksum.of(Files.readString(p)))));
    }
    List<String> out = new ArrayList<>();
    for (Future<String> f : fs) out.add(f.get());
    Collections.sort(out);
    pool.shutdown();
    pool.awaitTermination(5, TimeUnit.SECONDS);
    Files.createDirectories(Paths.get("out"));
    Files.write(Paths.get("out/checksums.txt"), out);
    System.out.println("checksums: " + out.size() + " files");
  }
}
