package shapeprop.kernel.magic;

import org.apache.maven.model.Model;
import org.apache.maven.model.Parent;
import org.apache.maven.model.Repository;
import org.apache.maven.model.building.DefaultModelBuilderFactory;
import org.apache.maven.model.building.DefaultModelBuildingRequest;
import org.apache.maven.model.building.FileModelSource;
import org.apache.maven.model.building.ModelBuildingException;
import org.apache.maven.model.building.ModelBuildingRequest;
import org.apache.maven.model.building.ModelProblem;
import org.apache.maven.model.building.ModelSource;
import org.apache.maven.model.resolution.ModelResolver;
import org.apache.maven.model.resolution.UnresolvableModelException;
import org.eclipse.aether.RepositorySystem;
import org.eclipse.aether.RepositorySystemSession;
import org.eclipse.aether.artifact.Artifact;
import org.eclipse.aether.artifact.ArtifactProperties;
import org.eclipse.aether.artifact.ArtifactType;
import org.eclipse.aether.artifact.DefaultArtifact;
import org.eclipse.aether.collection.CollectRequest;
import org.eclipse.aether.graph.Dependency;
import org.eclipse.aether.graph.Exclusion;
import org.eclipse.aether.repository.RemoteRepository;
import org.eclipse.aether.resolution.ArtifactRequest;
import org.eclipse.aether.resolution.ArtifactResolutionException;
import org.eclipse.aether.util.artifact.JavaScopes;

import java.io.File;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * What a POM asks Maven to resolve: its effective model (parent, properties, dependency management and imported
 * BOMs applied, as Maven builds it) turned into a resolver request for the dependencies in the wanted scopes, from
 * the POM's repositories and Maven Central.
 */
final class PomRequest {

    private PomRequest() {
    }

    static CollectRequest of(String magic, ModelSource pom, List<String> scopes, RepositorySystem system,
                             RepositorySystemSession session) throws MagicException {
        Model model = effectiveModel(magic, pom, new Poms(system, session, new ArrayList<>()));
        CollectRequest collect = new CollectRequest();
        // the super POM adds Maven Central after the POM's own repositories
        model.getRepositories().forEach(r -> collect.addRepository(remote(r)));
        for (org.apache.maven.model.Dependency d : model.getDependencies()) {
            if (scopes.contains(scopeOf(d))) {
                collect.addDependency(dependency(d, scopeOf(d), session));
            }
        }
        if (model.getDependencyManagement() != null) {
            for (org.apache.maven.model.Dependency d : model.getDependencyManagement().getDependencies()) {
                collect.addManagedDependency(dependency(d, d.getScope(), session));
            }
        }
        if (collect.getDependencies().isEmpty()) {
            List<String> declared = model.getDependencies().stream()
                    .map(d -> d.getGroupId() + ":" + d.getArtifactId() + " (" + scopeOf(d) + ")").toList();
            throw new MagicException(magic + ": the POM declares no dependency in scope " + String.join(", ", scopes)
                    + (declared.isEmpty() ? "; it declares none at all." : "; it declares " + String.join(", ", declared)
                    + ". Name their scope after the magic, e.g. " + magic + " test."));
        }
        return collect;
    }

    private static String scopeOf(org.apache.maven.model.Dependency d) {
        return d.getScope() == null || d.getScope().isEmpty() ? JavaScopes.COMPILE : d.getScope();
    }

    private static Model effectiveModel(String magic, ModelSource pom, ModelResolver poms) throws MagicException {
        DefaultModelBuildingRequest request = new DefaultModelBuildingRequest()
                .setModelSource(pom)
                .setValidationLevel(ModelBuildingRequest.VALIDATION_LEVEL_MINIMAL)
                .setProcessPlugins(false)
                .setSystemProperties(System.getProperties())
                .setModelResolver(poms);
        if (pom instanceof FileModelSource file) {
            // a parent is looked for at its relativePath, next to the file, before the repositories
            request.setPomFile(file.getFile());
        }
        try {
            return new DefaultModelBuilderFactory().newInstance().build(request).getEffectiveModel();
        } catch (ModelBuildingException e) {
            String problems = e.getProblems().stream()
                    .filter(p -> p.getSeverity() != ModelProblem.Severity.WARNING)
                    .map(p -> p.getMessage() + (p.getLineNumber() > 0 ? " (line " + p.getLineNumber() + ")" : ""))
                    .collect(Collectors.joining("; "));
            throw new MagicException(magic + ": Maven cannot read the POM: " + problems
                    + ". Fix it as you would in a pom.xml.");
        }
    }

    private static RemoteRepository remote(Repository r) {
        return new RemoteRepository.Builder(r.getId(), "default", r.getUrl()).build();
    }

    /** A POM dependency as the resolver's, its type mapped to extension and classifier as Maven maps it. */
    private static Dependency dependency(org.apache.maven.model.Dependency d, String scope,
                                         RepositorySystemSession session) {
        ArtifactType type = session.getArtifactTypeRegistry().get(d.getType());
        String classifier = d.getClassifier() == null ? "" : d.getClassifier();
        Artifact artifact = type != null
                ? new DefaultArtifact(d.getGroupId(), d.getArtifactId(), classifier, null, d.getVersion(), type)
                : new DefaultArtifact(d.getGroupId(), d.getArtifactId(), classifier, d.getType(), d.getVersion());
        if (d.getSystemPath() != null) {
            artifact = artifact.setProperties(Map.of(ArtifactProperties.LOCAL_PATH, d.getSystemPath()));
        }
        List<Exclusion> exclusions = d.getExclusions().stream()
                .map(e -> new Exclusion(e.getGroupId(), e.getArtifactId(), "*", "*")).toList();
        return new Dependency(artifact, scope, d.isOptional(), exclusions);
    }

    /** Finds the POMs a POM refers to (its parent, imported BOMs) in the repositories it declares and Central. */
    private record Poms(RepositorySystem system, RepositorySystemSession session, List<RemoteRepository> repositories)
            implements ModelResolver {

        @Override
        public ModelSource resolveModel(String groupId, String artifactId, String version)
                throws UnresolvableModelException {
            ArtifactRequest request = new ArtifactRequest(
                    new DefaultArtifact(groupId, artifactId, "", "pom", version), repositories, null);
            try {
                File file = system.resolveArtifact(session, request).getArtifact().getFile();
                return new FileModelSource(file);
            } catch (ArtifactResolutionException e) {
                throw new UnresolvableModelException(e.getMessage(), groupId, artifactId, version, e);
            }
        }

        @Override
        public ModelSource resolveModel(Parent parent) throws UnresolvableModelException {
            return resolveModel(parent.getGroupId(), parent.getArtifactId(), parent.getVersion());
        }

        @Override
        public ModelSource resolveModel(org.apache.maven.model.Dependency dependency)
                throws UnresolvableModelException {
            return resolveModel(dependency.getGroupId(), dependency.getArtifactId(), dependency.getVersion());
        }

        @Override
        public void addRepository(Repository repository) {
            addRepository(repository, false);
        }

        @Override
        public void addRepository(Repository repository, boolean replace) {
            for (int i = 0; i < repositories.size(); i++) {
                if (repositories.get(i).getId().equals(repository.getId())) {
                    if (replace) {
                        repositories.set(i, remote(repository));
                    }
                    return;
                }
            }
            repositories.add(remote(repository));
        }

        @Override
        public ModelResolver newCopy() {
            return new Poms(system, session, new ArrayList<>(repositories));
        }
    }
}
