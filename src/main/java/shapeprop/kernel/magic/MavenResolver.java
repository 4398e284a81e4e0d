package shapeprop.kernel.magic;

import org.apache.maven.repository.internal.MavenRepositorySystemUtils;
import org.eclipse.aether.DefaultRepositorySystemSession;
import org.eclipse.aether.RepositorySystem;
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

/**
 * {@code %maven group:artifact:version}: resolves an artifact and its runtime dependencies from Maven
 * Central (and any {@code %mavenRepo}), caching them in the local Maven repository like Maven does.
 */
public final class MavenResolver {

    public static final String CENTRAL = "https://repo.maven.apache.org/maven2/";

    private final List<RemoteRepository> repositories = new ArrayList<>();
    private final Path localRepository;
    private RepositorySystem system;

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
        RepositorySystem sys = system();
        DefaultRepositorySystemSession session = MavenRepositorySystemUtils.newSession();
        session.setLocalRepositoryManager(sys.newLocalRepositoryManager(session,
                new LocalRepository(localRepository.toFile())));
        // POM profiles activate on java.version & co.; without them Maven's model builder fails and the
        // dependencies of the artifact are silently dropped.
        session.setSystemProperties(System.getProperties());
        // Fail within seconds when offline instead of hanging the cell.
        session.setConfigProperty("aether.connector.connectTimeout", 10_000);
        session.setConfigProperty("aether.connector.requestTimeout", 30_000);
        CollectRequest collect = new CollectRequest(new Dependency(artifact, JavaScopes.RUNTIME), repositories);
        DependencyRequest request = new DependencyRequest(collect,
                DependencyFilterUtils.classpathFilter(JavaScopes.RUNTIME));
        try {
            List<Path> jars = new ArrayList<>();
            for (ArtifactResult r : sys.resolveDependencies(session, request).getArtifactResults()) {
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
            throw new MagicException("%maven " + coordinates + ": could not resolve it from "
                    + repositories.stream().map(RemoteRepository::getUrl).toList() + " (" + root + "). "
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
