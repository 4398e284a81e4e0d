package shapeprop.kernel.magic;

import shapeprop.kernel.eval.Outcome;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The IJava-compatible magics: {@code %classpath}, {@code %jars}, {@code %maven} (alias
 * {@code %addMavenDependencies}, {@code %addMavenDependency}), {@code %mavenRepo} (alias {@code %addMavenRepo}),
 * {@code %loadFromPOM}, {@code %load}, and the cell magics {@code %%loadFromPOM}, {@code %%html}, {@code %%markdown},
 * {@code %%latex}.
 *
 * <p>Paths in {@code %classpath} and {@code %jars} may end in a glob ({@code lib/*}, {@code ../target/shapeprop-*-all.jar}).
 * A ShapeProp jar ({@code shapeprop-*.jar}) is skipped: this kernel has the library built in, so the first cell of
 * every course notebook, which loads the jar for other IJava-style kernels, has nothing to do here, even when the jar
 * has not been built.
 *
 * <p>The kernel runs a cell's magic lines with {@link #run}; a cell's code calls magics with {@link #call} (IJava's
 * {@code lineMagic} and {@code cellMagic}, see {@link MagicCalls}).
 */
public final class Magics {

    /** The line magics by the names the messages and completion offer (IJava's longer aliases run too). */
    public static final List<String> LINE_MAGICS = List.of("classpath", "jars", "maven", "mavenRepo", "loadFromPOM",
            "load");
    /** The cell magics, likewise. */
    public static final List<String> CELL_MAGICS = List.of("loadFromPOM", "html", "markdown", "latex");

    private final MagicHost host;
    private final MavenResolver maven;

    public Magics(MagicHost host, MavenResolver maven) {
        this.host = host;
        this.maven = maven;
    }

    /** Runs {@code magic}; returns the outcome of code it ran (for %load), else Silent. */
    public Outcome run(Magic magic) throws MagicException {
        String name = magic.name().toLowerCase(Locale.ROOT);
        if (magic.cell()) {
            return switch (name) {
                case "html" -> show("text/html", magic.body());
                case "markdown", "md" -> show("text/markdown", magic.body());
                case "latex" -> show("text/latex", magic.body());
                case "loadfrompom" -> addJars("%%loadFromPOM",
                        maven.resolvePom("%%loadFromPOM", MavenResolver.pomText(magic.body()), magic.args()));
                default -> throw new MagicException("Unknown cell magic %%" + magic.name()
                        + ". Cell magics: %%" + String.join(", %%", CELL_MAGICS) + ".");
            };
        }
        switch (name) {
            case "classpath", "jars" -> addPaths(magic);
            case "maven", "addmavendependencies", "addmavendependency" -> {
                requireArgs(magic, "group:artifact:version");
                for (String coordinates : magic.args()) {
                    addJars("%maven " + coordinates, maven.resolve(coordinates));
                }
            }
            case "loadfrompom" -> {
                requireArgs(magic, "pom.xml [scope …]");
                Path pom = Path.of(magic.args().get(0));
                if (!Files.isRegularFile(pom)) {
                    throw new MagicException("%loadFromPOM " + pom + ": no such file (paths are relative to the "
                            + "kernel's working directory, " + Path.of("").toAbsolutePath() + ").");
                }
                String label = "%loadFromPOM " + pom;
                addJars(label, maven.resolvePom(label, MavenResolver.pomFile(pom),
                        magic.args().subList(1, magic.args().size())));
            }
            case "mavenrepo", "addmavenrepo" -> {
                if (magic.args().size() != 2) {
                    throw new MagicException("%mavenRepo needs an id and a URL, e.g. "
                            + "%mavenRepo jitpack https://jitpack.io");
                }
                maven.addRepository(magic.args().get(0), magic.args().get(1));
            }
            case "load" -> {
                requireArgs(magic, "path/to/file.jsh");
                Outcome last = new Outcome.Silent();
                for (String arg : magic.args()) {
                    for (String source : LoadedFile.sources(arg)) {
                        last = host.runCode(source);
                        if (last instanceof Outcome.Failed) {
                            return last;
                        }
                    }
                }
                return last;
            }
            default -> throw new MagicException("Unknown magic %" + magic.name()
                    + ". Line magics: %" + String.join(", %", LINE_MAGICS) + ".");
        }
        return new Outcome.Silent();
    }

    /**
     * Runs {@code magic} for the cell's code ({@code lineMagic}, {@code cellMagic}, {@code x = %jars …}) while that
     * code runs; returns what IJava's magic returns: the paths {@code %jars} and {@code %classpath} added, else null.
     * {@code %load} is refused: it runs code, and the cell's code is running already.
     */
    public Object call(Magic magic) throws MagicException {
        String name = magic.name().toLowerCase(Locale.ROOT);
        if (!magic.cell() && name.equals("load")) {
            throw new MagicException("%load runs a file as a cell, which cannot start while this cell's code runs. "
                    + "Write it on a line of its own instead: " + magic);
        }
        if (!magic.cell() && (name.equals("classpath") || name.equals("jars"))) {
            return addPaths(magic);
        }
        run(magic);
        return null;
    }

    /** The kernel's interrupt: a {@code %maven} waiting for a repository gives up at once. */
    public void interrupt() {
        maven.cancel();
    }

    /** %classpath and %jars: adds each path (each match of a glob), skipping ShapeProp's jar; returns them. */
    private List<String> addPaths(Magic magic) throws MagicException {
        requireArgs(magic, "path/to/lib.jar or path/to/dir/*");
        List<String> added = new ArrayList<>();
        for (String arg : magic.args()) {
            if (isShapePropJar(arg)) {
                continue;
            }
            for (Path p : expand(arg, magic.name().equalsIgnoreCase("jars"))) {
                String path = p.toAbsolutePath().toString();
                host.addToClasspath(path);
                added.add(path);
            }
        }
        return added;
    }

    private Outcome addJars(String magic, List<Path> jars) {
        jars.forEach(p -> host.addToClasspath(p.toString()));
        host.say(magic + ": added " + jars.size() + " jar" + (jars.size() == 1 ? "" : "s") + " to the classpath");
        return new Outcome.Silent();
    }

    private Outcome show(String mime, String body) {
        host.show(mime, body);
        return new Outcome.Silent();
    }

    private static void requireArgs(Magic magic, String example) throws MagicException {
        if (magic.args().isEmpty()) {
            throw new MagicException("%" + magic.name() + " needs an argument, e.g. %" + magic.name() + " " + example);
        }
    }

    /** True for a path whose file name is a ShapeProp jar (a glob like {@code shapeprop-*-all.jar} too). */
    static boolean isShapePropJar(String arg) {
        String file = arg.replace('\\', '/');
        file = file.substring(file.lastIndexOf('/') + 1);
        return file.startsWith("shapeprop-") && file.endsWith(".jar");
    }

    /**
     * A path; every jar of a directory for "dir/*" (and for a directory given to %jars); every file matching a
     * glob in the last part of the path ("lib/commons-*.jar"), sorted.
     */
    static List<Path> expand(String arg, boolean jarsOfDirectory) throws MagicException {
        boolean star = arg.endsWith("/*") || arg.endsWith("\\*");
        if (!star && (arg.contains("*") || arg.contains("?"))) {
            return glob(arg);
        }
        Path p = Path.of(star ? arg.substring(0, arg.length() - 2) : arg);
        if (!Files.exists(p)) {
            throw new MagicException("No such file or directory: " + p.toAbsolutePath()
                    + " (paths are relative to the kernel's working directory, " + Path.of("").toAbsolutePath() + ").");
        }
        if (Files.isDirectory(p) && (star || jarsOfDirectory)) {
            return list(p, "*.jar");
        }
        return List.of(p);
    }

    /** The files matching a glob in the last part of {@code arg}; the folders before it are taken literally. */
    private static List<Path> glob(String arg) throws MagicException {
        String normalized = arg.replace('\\', '/');
        int slash = normalized.lastIndexOf('/');
        String pattern = normalized.substring(slash + 1);
        Path dir = Path.of(slash < 0 ? "." : slash == 0 ? "/" : normalized.substring(0, slash));
        if (pattern.isEmpty() || dir.toString().contains("*") || dir.toString().contains("?")) {
            throw new MagicException("Cannot expand " + arg + ": only the last part of a path may hold * or ?, "
                    + "e.g. lib/*.jar or lib/commons-*.jar.");
        }
        if (!Files.isDirectory(dir)) {
            throw new MagicException("No such directory: " + dir.toAbsolutePath() + " (in " + arg
                    + "; paths are relative to the kernel's working directory, " + Path.of("").toAbsolutePath() + ").");
        }
        List<Path> matches = list(dir, pattern);
        if (matches.isEmpty()) {
            throw new MagicException("No file in " + dir.toAbsolutePath() + " matches " + pattern
                    + " (paths are relative to the kernel's working directory, " + Path.of("").toAbsolutePath() + ").");
        }
        return matches;
    }

    private static List<Path> list(Path dir, String glob) throws MagicException {
        List<Path> files = new ArrayList<>();
        try (DirectoryStream<Path> ds = Files.newDirectoryStream(dir, glob)) {
            ds.forEach(files::add);
        } catch (IOException e) {
            throw new MagicException("Cannot list " + dir + ": " + e.getMessage());
        }
        files.sort(null);
        return files;
    }

    @Override
    public String toString() {
        return "Magics[" + maven + "]";
    }
}
