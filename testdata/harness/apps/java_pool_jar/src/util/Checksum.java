package util;
public final class Checksum {
  public static long of(String s) { long h = 1125899906842597L; for (char c : s.toCharArray()) h = 31 * h + c; return h; }
}
