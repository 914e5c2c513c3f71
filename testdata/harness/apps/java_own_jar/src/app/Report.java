package app;

import java.util.List;
import java.util.Map;

final class Report {
  static List<String> lines(List<Map.Entry<String, Integer>> top) {
    return top.stream().map(e -> String.format("%-10s %d", e.getKey(), e.getValue())).toList();
  }
}
