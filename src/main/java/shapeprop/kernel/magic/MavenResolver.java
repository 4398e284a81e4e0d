package shapeprop.kernel.magic;

import org.apache.maven.model.building.FileModelSource;
import org.apache.maven.model.building.ModelSource;
import org.apache.maven.model.building.StringModelSource;
import org.apache.maven.repository.internal.MavenRepositorySystemUtils;
import org.eclipse.aether.DefaultRepositorySystemSession;
import org.eclipse.aether.RepositorySystem;
import org.eclipse.aether.RepositorySystemSession;
import org.eclipse.aether.artifact.DefaultArtifact;
import org.eclipse.aether.collection.CollectRequest;
import org.eclipse.aether.graph.Dependency;
import org.eclipse.aether.repository.LocalRepository;
import org.eclipse.aether.repository.RemoteRepository;
import org.eclipse.aether.resolution.ArtifactResult;
import org.eclipse.aether.resolution.DependencyRequest;
import org.eclipse.aether.resolution.DependencyResolutionException;
import org.eclipse.aether.supplier.RepositorySystemSupplier;
import org.eclipse.aether.util.artifact.JavaScopes;
import org.eclipse.aether.util.filter.DependencyFilterUtils;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.atomic.AtomicReference;

/**
 * {@code %maven group:artifact:version}: resolves an artifact and its runtime dependencies from Maven
 * Central (and any {@code %mavenRepo}), caching them in the local Maven repository like Maven does;
 * {@code %loadFromPOM} resolves the dependencies a POM declares.
 *
 * <p>The resolution runs in a thread of its own while the cell waits for it, so that {@link #cancel} (the kernel's
 * interrupt) ends the wait at once: a slow or stalled repository would otherwise hold the cell until the
 * connector's timeouts, up to half a minute per request.
 */
public final class MavenResolver {

    public static final String CENTRAL = "https://repo.maven.apache.org/maven2/";

    private final List<RemoteRepository> repositories = new ArrayList<>();
    private final Path localRepository;
    private RepositorySystem system;
    /** The resolution the cell waits for now, or null. */
    private final AtomicReference<CompletableFuture<List<Path>>> waiting = new AtomicReference<>();

    public MavenResolver(Path localRepository) {
        this(localRepository, CENTRAL);
    }

    /** A resolver that looks in {@code remote} instead of Maven Central (tests use an unreachable one). */
    MavenResolver(Path localRepository, String remote) {
        this.localRepository = localRepository;
        repositories.add(new RemoteRepository.Builder("central", "default", remote).build());
    }

    /** The local repository Maven itself uses: -Dmaven.repo.local, else ~/.m2/repository. */
    public static Path defaultLocalRepository() {
        String configured = System.getProperty("maven.repo.local");
        return configured != null ? Path.of(configured)
                : Path.of(System.getProperty("user.home"), ".m2", "repository");
    }

    /** {@code %mavenRepo id url}: another repository to resolve from. */
    public void addRepository(String id, String url) {
        repositories.add(new RemoteRepository.Builder(id, "default", url).build());
    }

    /** The jar files of {@code coordinates} and of everything they need at runtime. */
    public List<Path> resolve(String coordinates) throws MagicException {
        DefaultArtifact artifact;
        try {
            artifact = new DefaultArtifact(coordinates);
        } catch (IllegalArgumentException e) {
            throw new MagicException("%maven " + coordinates + ": not Maven coordinates; write "
                    + "group:artifact:version, e.g. %maven org.apache.commons:commons-text:1.12.0");
        }
        // the worker keeps its own list: a later %mavenRepo must not change it under a resolution still running
        List<RemoteRepository> from = List.copyOf(repositories);
        return waitFor("%maven " + coordinates, () -> {
            CollectRequest collect = new CollectRequest(new Dependency(artifact, JavaScopes.RUNTIME), from);
            return jars("%maven " + coordinates, newSession(), collect, List.of(JavaScopes.RUNTIME));
        });
    }

    /**
     * {@code %loadFromPOM} and {@code %%loadFromPOM}: the jar files of the dependencies {@code pom} declares in
     * {@code scopes} (compile, runtime and system when empty), and of everything they need. As in IJava, the
     * repositories are the POM's own and Maven Central, not those of {@code %mavenRepo}.
     *
     * @param magic how the user asked, for messages: "%loadFromPOM pom.xml" or "%%loadFromPOM"
     */
    public List<Path> resolvePom(String magic, ModelSource pom, List<String> scopes) throws MagicException {
        List<String> wanted = scopes.isEmpty()
                ? List.of(JavaScopes.COMPILE, JavaScopes.RUNTIME, JavaScopes.SYSTEM) : List.copyOf(scopes);
        return waitFor(magic, () -> {
            RepositorySystemSession session = newSession();
            CollectRequest collect = PomRequest.of(magic, pom, wanted, system(), session);
            return jars(magic, session, collect, wanted);
        });
    }

    /** What {@code %loadFromPOM pom.xml} resolves: the file as Maven reads it (a parent found by its path). */
    public static ModelSource pomFile(Path file) {
        return new FileModelSource(file.toFile());
    }

    /** What {@code %%loadFromPOM} resolves: the cell's POM fragment made a whole POM. */
    public static ModelSource pomText(String fragment) throws MagicException {
        return new StringModelSource(PomFragment.toPom(fragment));
    }

    /** Ends the wait of the {@code %maven} running now, if any: it fails with "interrupted". */
    public void cancel() {
        CompletableFuture<List<Path>> result = waiting.get();
        if (result != null) {
            result.cancel(false);
        }
    }

    /** A resolution the cell can stop waiting for: {@code work} runs in a thread of its own. */
    private List<Path> waitFor(String magic, Resolution work) throws MagicException {
        CompletableFuture<List<Path>> result = new CompletableFuture<>();
        Thread worker = new Thread(() -> {
            try {
                result.complete(work.run());
            } catch (Throwable t) {
                result.completeExceptionally(t);
            }
        }, "shapeprop-maven");
        worker.setDaemon(true);
        waiting.set(result);
        worker.start();
        try {
            return result.join();
        } catch (CancellationException e) {
            // the download goes on in the background until it ends or times out; the files Maven keeps are
            // complete ones (it writes each to a temporary file first)
            worker.interrupt();
            throw new MagicException(magic + ": interrupted on your request; nothing was added to the classpath. "
                    + "Run the cell again to resolve it (what was downloaded so far stays in " + localRepository
                    + ").");
        } catch (CompletionException e) {
            if (e.getCause() instanceof MagicException m) {
                throw m;
            }
            throw e.getCause() instanceof RuntimeException r ? r : e;
        } finally {
            waiting.compareAndSet(result, null);
        }
    }

    /** The work of one magic, run by {@link #waitFor}. */
    private interface Resolution {
        List<Path> run() throws MagicException;
    }

    private DefaultRepositorySystemSession newSession() {
        DefaultRepositorySystemSession session = MavenRepositorySystemUtils.newSession();
        session.setLocalRepositoryManager(system().newLocalRepositoryManager(session,
                new LocalRepository(localRepository.toFile())));
        // POM profiles activate on java.version & co.; without them Maven's model builder fails and the
        // dependencies of the artifact are silently dropped.
        session.setSystemProperties(System.getProperties());
        // Fail within seconds when offline instead of hanging the cell.
        session.setConfigProperty("aether.connector.connectTimeout", 10_000);
        session.setConfigProperty("aether.connector.requestTimeout", 30_000);
        return session;
    }

    /** The jar files of what {@code collect} asks for, transitively, in {@code scopes}. */
    private List<Path> jars(String magic, RepositorySystemSession session, CollectRequest collect, List<String> scopes)
            throws MagicException {
        DependencyRequest request = new DependencyRequest(collect, DependencyFilterUtils.classpathFilter(scopes));
        try {
            List<Path> jars = new ArrayList<>();
            for (ArtifactResult r : system().resolveDependencies(session, request).getArtifactResults()) {
                if (r.getArtifact() != null && r.getArtifact().getFile() != null) {
                    jars.add(r.getArtifact().getFile().toPath());
                }
            }
            return jars;
        } catch (DependencyResolutionException e) {
            Throwable root = e;
            while (root.getCause() != null) {
                root = root.getCause();
            }
            throw new MagicException(magic + ": could not resolve it from "
                    + collect.getRepositories().stream().map(RemoteRepository::getUrl).toList() + " (" + root + "). "
                    + "Check the coordinates and the network connection; offline, put the jars in "
                    + localRepository + " or add them with %jars path/to/lib.jar.");
        }
    }

    private synchronized RepositorySystem system() {
        if (system == null) {
            system = new RepositorySystemSupplier().get();
        }
        return system;
    }

    @Override
    public String toString() {
        return "MavenResolver[" + repositories.size() + " repositories, local " + localRepository + "]";
    }
}
