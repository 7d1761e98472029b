/*
 * EPUBCheck (Debian's 4.2.6 jar) kept running for a test run: one JVM that checks book
 * after book, so each check after the first costs under a second instead of a JVM start,
 * class loading and schema compilation (about 10 s of CPU each). Run as a source file
 * (`java -cp epubcheck.jar EpubcheckService.java SOCKET`): it listens on the Unix socket
 * SOCKET; each connection sends two lines, the book's path and the path of the JSON report
 * to write, and gets back one line, EPUBCheck's exit code for
 * `epubcheck BOOK --json REPORT --failonwarnings` (-1 when the checker threw). Checks run
 * one at a time, each with a new EpubChecker, as the command line makes them. It exits
 * when its standard input closes (the test run ended, however it ended).
 */
import com.adobe.epubcheck.tool.EpubChecker;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.io.PrintStream;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.channels.Channels;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

public class EpubcheckService {
  public static void main(String[] args) throws Exception {
    Path socket = Path.of(args[0]);
    Thread watcher = new Thread(() -> {
      try {
        while (System.in.read() != -1) {}
      } catch (Exception e) {
        // A closed or broken standard input ends the service all the same.
      }
      System.exit(0);
    });
    watcher.setDaemon(true);
    watcher.start();
    // EPUBCheck's console report is not read: the JSON report is.
    PrintStream quiet = new PrintStream(OutputStream.nullOutputStream());
    System.setOut(quiet);
    System.setErr(quiet);
    Path partial = socket.resolveSibling(socket.getFileName() + ".partial");
    Files.deleteIfExists(partial);
    try (ServerSocketChannel server = ServerSocketChannel.open(StandardProtocolFamily.UNIX)) {
      server.bind(UnixDomainSocketAddress.of(partial));
      // Clients wait for the socket's name: it appears only once the service listens.
      Files.move(partial, socket);
      while (true) {
        try (SocketChannel client = server.accept()) {
          BufferedReader in = new BufferedReader(
              new InputStreamReader(Channels.newInputStream(client), StandardCharsets.UTF_8));
          String book = in.readLine();
          String report = in.readLine();
          int code;
          try {
            code = new EpubChecker().run(new String[] {book, "--json", report, "--failonwarnings"});
          } catch (Throwable thrown) {
            code = -1;
          }
          Channels.newOutputStream(client).write((code + "\n").getBytes(StandardCharsets.UTF_8));
        } catch (Exception broken) {
          // A client that went away mid-request: serve the next one.
        }
      }
    }
  }
}
