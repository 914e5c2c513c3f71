package app;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import textutil.WordCount;

// wordtop: the five most frequent words of data/*.txt, written to out/top.txt. Its own classes
// are in app.jar, the word counter in lib/textutil.jar.
public class Main {
  public static void main(String[] args) throws Exception {
    WordCount wc = new WordCount();
    try (var files = Files.list(Path.of("data"))) {
      for (Path p : files.sorted().toList()) wc.add(Files.readString(p));
    }
    List<String> top = Report.lines(wc.top(5));
    Files.createDirectories(Path.of("out"));
    Files.write(Path.of("out", "top.txt"), top);
    top.forEach(System.out::println);
  }
}
