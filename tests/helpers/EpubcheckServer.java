/*
 * epubcheck for many files in one JVM: reads paths, one a line, on standard
 * input, runs epubcheck's own command line (`EpubChecker.run`, what
 * `java -jar epubcheck.jar FILE` runs) on each in turn, and answers each with
 * a header line `<exit code> <stdout bytes> <stderr bytes>` followed by what
 * that run printed.
 *
 * Why: starting the JVM and loading epubcheck's schemas is most of the cost
 * of a check (seconds of CPU); a JVM that stays up pays it once.
 *
 * Run as a single source file (Java 11 or later), epubcheck's jar on the class
 * path: `java -cp epubcheck.jar EpubcheckServer.java`.
 */
import com.adobe.epubcheck.tool.EpubChecker;
import java.io.BufferedReader;
import java.io.ByteArrayOutputStream;
import java.io.FileDescriptor;
import java.io.FileOutputStream;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;

public class EpubcheckServer {
  public static void main(String[] args) throws Exception {
    // Answers go to the real standard output; epubcheck prints to
    // `System.out` and `System.err`, which point at a buffer during a run.
    OutputStream answers = new FileOutputStream(FileDescriptor.out);
    BufferedReader requests = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
    String file;

    while ((file = requests.readLine()) != null) {
      ByteArrayOutputStream out = new ByteArrayOutputStream();
      ByteArrayOutputStream err = new ByteArrayOutputStream();
      PrintStream stdout = System.out;
      PrintStream stderr = System.err;
      int code;

      System.setOut(new PrintStream(out, true, StandardCharsets.UTF_8));
      System.setErr(new PrintStream(err, true, StandardCharsets.UTF_8));
      try {
        code = new EpubChecker().run(new String[] {file});
      } catch (Throwable error) {
        error.printStackTrace();
        code = -1;
      } finally {
        System.out.flush();
        System.err.flush();
        System.setOut(stdout);
        System.setErr(stderr);
      }

      byte[] outBytes = out.toByteArray();
      byte[] errBytes = err.toByteArray();
      String header = code + " " + outBytes.length + " " + errBytes.length + "\n";
      answers.write(header.getBytes(StandardCharsets.UTF_8));
      answers.write(outBytes);
      answers.write(errBytes);
      answers.flush();
    }
  }
}
