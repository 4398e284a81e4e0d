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
 * The IJava-compatible magics: {@code %classpath}, {@code %jars}, {@code %maven}, {@code %mavenRepo},
 * {@code %load}, and the cell magics {@code %%html}, {@code %%markdown}, {@code %%latex}.
 */
public final class Magics {

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
                default -> throw new MagicException("Unknown cell magic %%" + magic.name()
                        + ". Cell magics: %%html, %%markdown, %%latex.");
            };
        }
        switch (name) {
            case "classpath", "jars" -> {
                requireArgs(magic, "path/to/lib.jar or path/to/dir/*");
                for (String arg : magic.args()) {
                    for (Path p : expand(arg, name.equals("jars"))) {
                        host.addToClasspath(p.toAbsolutePath().toString());
                    }
                }
            }
            case "maven" -> {
                requireArgs(magic, "group:artifact:version");
                for (String coordinates : magic.args()) {
                    List<Path> jars = maven.resolve(coordinates);
                    jars.forEach(p -> host.addToClasspath(p.toString()));
                    host.say("%maven " + coordinates + ": added " + jars.size() + " jar"
                            + (jars.size() == 1 ? "" : "s") + " to the classpath");
                }
            }
            case "mavenrepo" -> {
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
                    last = host.runCode(read(Path.of(arg)));
                    if (last instanceof Outcome.Failed) {
                        return last;
                    }
                }
                return last;
            }
            default -> throw new MagicException("Unknown magic %" + magic.name()
                    + ". Line magics: %classpath, %jars, %maven, %mavenRepo, %load.");
        }
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

    /** A path, or every jar of a directory for "dir/*" (and for a directory given to %jars). */
    static List<Path> expand(String arg, boolean jarsOfDirectory) throws MagicException {
        boolean star = arg.endsWith("/*") || arg.endsWith("\\*");
        Path p = Path.of(star ? arg.substring(0, arg.length() - 2) : arg);
        if (!Files.exists(p)) {
            throw new MagicException("No such file or directory: " + p.toAbsolutePath()
                    + " (paths are relative to the kernel's working directory, " + Path.of("").toAbsolutePath() + ").");
        }
        if (Files.isDirectory(p) && (star || jarsOfDirectory)) {
            List<Path> jars = new ArrayList<>();
            try (DirectoryStream<Path> ds = Files.newDirectoryStream(p, "*.jar")) {
                ds.forEach(jars::add);
            } catch (IOException e) {
                throw new MagicException("Cannot list " + p + ": " + e.getMessage());
            }
            jars.sort(null);
            return jars;
        }
        return List.of(p);
    }

    private static String read(Path file) throws MagicException {
        try {
            return Files.readString(file);
        } catch (IOException e) {
            throw new MagicException("%load " + file + ": cannot read it (" + e.getMessage()
                    + "); paths are relative to " + Path.of("").toAbsolutePath() + ".");
        }
    }

    @Override
    public String toString() {
        return "Magics[" + maven + "]";
    }
}
