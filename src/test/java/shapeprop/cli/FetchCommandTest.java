package shapeprop.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import shapeprop.data.EndlessDownload;
import shapeprop.data.Fetcher;

/**
 * What {@code shapeprop fetch mnist} says when Ctrl-C or a kill stops it mid-download, and
 * {@code shapeprop train mnist}, which fetches MNIST on first use: a JVM of its own fetches from a mirror on 127.0.0.1
 * that sends the first file a kilobyte at a time, and is stopped by the signal.
 */
class FetchCommandTest {

    @TempDir
    Path tmp;

    private HttpServer server;
    private final ExecutorService handlers = Executors.newCachedThreadPool();
    /** Counts down once the slow mirror has sent the first bytes of a file. */
    private final CountDownLatch sending = new CountDownLatch(1);

    @BeforeEach
    void serveSlowly() throws IOException {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/mnist/", exchange -> EndlessDownload.send(exchange, sending));
        server.setExecutor(handlers); // one thread per download: the slow one must not hold up the rest
        server.start();
    }

    @AfterEach
    void stop() {
        server.stop(0);
        handlers.shutdownNow();
    }

    private URI url(String path) {
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort() + path);
    }

    @ParameterizedTest(name = "{0} mnist, SIG{1}")
    @CsvSource({"fetch, INT, 130", "fetch, TERM, 143", "train, INT, 130"})
    void aStoppedFetchSaysWhichFileItCutOffThatTheCacheIsCleanAndHowToGoOn(String command, String signal, int status)
            throws Exception {
        String java = ProcessHandle.current().info().command().orElse("java");
        String classPath = System.getProperty("surefire.test.class.path", System.getProperty("java.class.path"));
        Path data = tmp.resolve("data");
        // env restores SIGINT's default: a JVM started where it is ignored (a background job) would ignore it too
        ProcessBuilder builder = new ProcessBuilder("env", "--default-signal=INT", java, "-cp", classPath,
                LocalMirror.class.getName(), command, url("/mnist/").toString(), url("/npm/none.tgz").toString())
                .redirectOutput(tmp.resolve("stdout").toFile()).redirectError(tmp.resolve("stderr").toFile());
        builder.environment().put("SHAPEPROP_DATA", data.toString());
        Process fetch = builder.start();
        try {
            assertTrue(sending.await(60, TimeUnit.SECONDS), "the fetch never asked for a file: "
                    + Files.readString(tmp.resolve("stderr")));
            assertEquals(1, listing(data.resolve("mnist")).size(), "the partial download is there");
            Process kill = new ProcessBuilder("kill", "-" + signal, Long.toString(fetch.pid())).inheritIO().start();
            assertEquals(0, kill.waitFor());
            assertTrue(fetch.waitFor(60, TimeUnit.SECONDS), "the fetch ends when stopped");
            String errors = Files.readString(tmp.resolve("stderr"));
            assertEquals("Fetching " + url("/mnist/train-images-idx3-ubyte.gz") + "\n"
                    + "shapeprop " + command + ": interrupted while downloading train-images-idx3-ubyte.gz from "
                    + url("/mnist/") + "; its partial download was removed, so the cache holds only verified files. Run"
                    + " shapeprop " + command + " mnist" + (command.equals("train") ? " --epochs 2 --hidden 64,32"
                    : "") + " again: it keeps the verified files and downloads the others"
                    + " from the start.\n", errors);
            assertEquals("", Files.readString(tmp.resolve("stdout")), "no folder is printed for setup scripts, and"
                    + " training never began");
            assertEquals(List.of(), listing(data.resolve("mnist")), "the hidden .part file is gone too");
            assertEquals(status, fetch.exitValue(), "the status of a run ended by SIG" + signal);
        } finally {
            fetch.destroyForcibly();
        }
    }

    private static List<String> listing(Path dir) throws IOException {
        try (Stream<Path> files = Files.list(dir)) {
            return files.map(p -> p.getFileName().toString()).sorted().toList();
        }
    }

    /**
     * {@code shapeprop fetch mnist} or {@code shapeprop train mnist} (the first argument) with the mirror and npm
     * tarball given as the next two arguments instead of the public ones.
     */
    static final class LocalMirror {
        public static void main(String[] args) {
            Function<Consumer<String>, Fetcher> routes = log -> new Fetcher(List.of(URI.create(args[1])),
                    URI.create(args[2]), null, Duration.ofSeconds(5), log);
            System.exit(args[0].equals("train") ? TrainCommand.run(List.of("mnist", "--epochs", "2", "--hidden", "64,32"), System.out, System.err, routes)
                    : FetchCommand.run(List.of("mnist"), System.out, System.err, routes));
        }
    }
}
