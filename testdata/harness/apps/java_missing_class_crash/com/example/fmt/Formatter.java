// Built only to compile ReportJob; its class is deleted before the run (the missing jar).
package com.example.fmt;
public class Formatter {
  public static String table(java.util.List<String> rows) { return String.join("\n", rows); }
}
