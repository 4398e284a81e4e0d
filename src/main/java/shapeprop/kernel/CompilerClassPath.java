package shapeprop.kernel;

import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;

/**
 * The class path JShell's compiler (javac) searches when a cell names a class: ShapeProp, Tablesaw and the
 * rest of the kernel's jar, unpacked into a directory by kernel/install.
 *
 * <p>Why a directory: javac reads the whole table of contents of every jar on its class path the first time
 * it looks into it. The kernel's shaded jar holds about 31,000 entries (fastutil alone 12,800), and reading
 * them, still in the JVM's interpreter, is a good part of a second at every kernel start. In a directory
 * javac looks only into the packages a cell uses. The classes are the same ones the kernel runs from (cells
 * still load them from the jar, through the kernel's class loader), so a notebook sees the same types.
 *
 * <p>The kernelspec names the directory with {@code -Dshapeprop.kernel.classes=DIR}; without it (tests, a
 * kernelspec written by hand) javac gets the JVM's own class path, as before.
 */
public final class CompilerClassPath {

    /** The system property kernel/install sets to the unpacked directory. */
    static final String PROPERTY = "shapeprop.kernel.classes";

    private CompilerClassPath() {
    }

    /** The directory named by the property if it is there, else the JVM's class path. */
    static String get(PrintStream log) {
        String jvmClassPath = System.getProperty("java.class.path");
        String configured = System.getProperty(PROPERTY);
        if (configured == null || configured.isBlank()) {
            return jvmClassPath;
        }
        if (!Files.isDirectory(Path.of(configured))) {
            log.println("[shapeprop kernel] -D" + PROPERTY + "=" + configured + " is not a directory; JShell's"
                    + " compiler reads the jar instead, which makes every start slower. Re-run kernel/install.");
            return jvmClassPath;
        }
        return configured;
    }

    /**
     * Unpacks the class files of {@code jar} into {@code dir} (emptied first), for kernel/install:
     * {@code java -cp shapeprop-all.jar shapeprop.kernel.CompilerClassPath JAR DIR}.
     */
    public static void main(String[] args) throws IOException {
        if (args.length != 2) {
            System.err.println("usage: java -cp shapeprop-all.jar shapeprop.kernel.CompilerClassPath JAR DIR\n"
                    + "unpacks the jar's classes into DIR for JShell's compiler (kernel/install does this)");
            System.exit(2);
        }
        System.out.println(unpack(Path.of(args[0]), Path.of(args[1])) + " classes unpacked into " + args[1]);
    }

    /** Writes every class file of {@code jar} under {@code dir}; returns how many. */
    static int unpack(Path jar, Path dir) throws IOException {
        deleteRecursively(dir);
        Files.createDirectories(dir);
        Path root = dir.toAbsolutePath().normalize();
        int count = 0;
        try (InputStream in = Files.newInputStream(jar); ZipInputStream zip = new ZipInputStream(in)) {
            for (ZipEntry e; (e = zip.getNextEntry()) != null; ) {
                String name = e.getName();
                // META-INF holds the multi-release variants and build metadata javac does not need; a
                // module-info.class does not belong on a class path.
                if (e.isDirectory() || !name.endsWith(".class") || name.startsWith("META-INF/")
                        || name.endsWith("module-info.class")) {
                    continue;
                }
                Path target = root.resolve(name).normalize();
                if (!target.startsWith(root)) {
                    throw new IOException(jar + " has an entry outside its own tree: " + name);
                }
                Files.createDirectories(target.getParent());
                Files.copy(zip, target, StandardCopyOption.REPLACE_EXISTING);
                count++;
            }
        }
        return count;
    }

    private static void deleteRecursively(Path dir) throws IOException {
        if (!Files.exists(dir)) {
            return;
        }
        try (var paths = Files.walk(dir)) {
            for (Path p : paths.sorted(java.util.Comparator.reverseOrder()).toList()) {
                Files.delete(p);
            }
        }
    }
}
