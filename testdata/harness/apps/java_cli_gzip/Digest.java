// "digest": a Java CLI that reads input/*.csv from its work dir, sums the second column of
// each, writes out/digest.txt and compresses it with `gzip -kf` through ProcessBuilder (the JDK
// starts it via jspawnhelper), then exits 0. Benign: the harness's Java subprocess case.
import java.nio.file.*;
import java.util.*;

public class Digest {
  public static void main(String[] args) throws Exception {
    Path out = Paths.get("out");
    Files.createDirectories(out);
    List<String> lines = new ArrayList<>();
    try (DirectoryStream<Path> ds = Files.newDirectoryStream(Paths.get("input"), "*.csv")) {
      for (Path p : ds) {
        long sum = 0;
        for (String l : Files.readAllLines(p)) {
          String[] f = l.split(",");
          if (f.length > 1 && f[1].matches("\\d+")) sum += Long.parseLong(f[1]);
        }
        lines.add(p.getFileName() + " " + sum);
      }
    }
    Collections.sort(lines);
    Files.write(out.resolve("digest.txt"), lines);
    Process gz = new ProcessBuilder("gzip", "-kf", "out/digest.txt").inheritIO().start();
    int rc = gz.waitFor();
    System.out.println("digest: " + lines.size() + " file(s), gzip exit " + rc);
    System.exit(rc);
  }
}
