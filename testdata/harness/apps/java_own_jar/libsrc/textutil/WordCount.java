package textutil;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

public final class WordCount {
  private final Map<String, Integer> counts = new HashMap<>();

  public void add(String text) {
    for (String w : text.toLowerCase().split("[^a-z]+")) if (!w.isEmpty()) counts.merge(w, 1, Integer::sum);
  }

  public List<Map.Entry<String, Integer>> top(int n) {
    return counts.entrySet().stream()
        .sorted(Map.Entry.<String, Integer>comparingByValue().reversed().thenComparing(Map.Entry.comparingByKey()))
        .limit(n).toList();
  }
}
