// "report-job": a CLI that formats a CSV report with a helper class from lib/formatter.jar.
// The deployment forgot formatter.jar (lib/ is empty), so the JVM dies at start-up with
// NoClassDefFoundError: exit 1 before any work. The harness's INCONCLUSIVE Java crash case.
public class ReportJob {
  public static void main(String[] args) throws Exception {
    System.out.println("report-job starting");
    String out = com.example.fmt.Formatter.table(java.nio.file.Files.readAllLines(
        java.nio.file.Paths.get("data.csv")));
    System.out.println(out);
  }
}
