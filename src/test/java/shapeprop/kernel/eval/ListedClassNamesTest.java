package shapeprop.kernel.eval;

import org.junit.jupiter.api.Test;

import javax.tools.JavaFileManager.Location;
import javax.tools.JavaFileObject;
import javax.tools.StandardJavaFileManager;
import javax.tools.StandardLocation;
import javax.tools.ToolProvider;
import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The class names JShell's compiler reads from a listing agree with javac's own answer (the independent
 * reference), for the JDK's modules, a class directory and a jar: a wrong name would hide a class from cells.
 */
class ListedClassNamesTest {

    private static final Set<JavaFileObject.Kind> CLASSES = EnumSet.of(JavaFileObject.Kind.CLASS);

    private static StandardJavaFileManager javacs() {
        return ToolProvider.getSystemJavaCompiler().getStandardFileManager(null, null, null);
    }

    /** For each file of the listing: "javac's name = the listing's name". */
    private static List<String> namesFromBoth(StandardJavaFileManager javac, Location location, String pkg)
            throws IOException {
        ListedClassNames listed = new ListedClassNames(javac);
        List<String> rows = new ArrayList<>();
        for (JavaFileObject file : listed.list(location, pkg, CLASSES, false)) {
            rows.add(javac.inferBinaryName(location, file) + " = " + listed.inferBinaryName(location, file));
        }
        return rows;
    }

    private static void assertAgree(List<String> rows, String expectedClass) {
        assertTrue(rows.stream().anyMatch(r -> r.startsWith(expectedClass + " = ")), rows.toString());
        for (String row : rows) {
            String[] names = row.split(" = ");
            assertEquals(names[0], names[1], row);
        }
    }

    @Test
    void namesClassesOfTheJdksModulesAsJavacDoes() throws IOException {
        try (StandardJavaFileManager javac = javacs()) {
            Location base = javac.getLocationForModule(StandardLocation.SYSTEM_MODULES, "java.base");

            List<String> rows = namesFromBoth(javac, base, "java.util");

            assertTrue(rows.size() > 300, "java.util lists its classes: " + rows.size());
            assertAgree(rows, "java.util.HashMap");
            assertAgree(rows, "java.util.Map$Entry");
        }
    }

    @Test
    void namesClassesOfAClassDirectoryAndAJarAsJavacDoes() throws IOException {
        Path dir = Files.createTempDirectory("listed-names");
        Path classes = dir.resolve("classes");
        Files.createDirectories(classes.resolve("demo/inner"));
        Files.write(classes.resolve("demo/Point.class"), new byte[] {(byte) 0xCA, (byte) 0xFE});
        Files.write(classes.resolve("demo/Point$Polar.class"), new byte[] {(byte) 0xCA, (byte) 0xFE});
        Files.write(classes.resolve("demo/inner/Deep.class"), new byte[] {(byte) 0xCA, (byte) 0xFE});
        Path jar = dir.resolve("lib.jar");
        try (JarOutputStream out = new JarOutputStream(Files.newOutputStream(jar))) {
            for (String entry : List.of("lib/Vec.class", "lib/Vec$1.class", "lib/sub/Leaf.class")) {
                out.putNextEntry(new JarEntry(entry));
                out.write(new byte[] {(byte) 0xCA, (byte) 0xFE});
                out.closeEntry();
            }
        }
        try (StandardJavaFileManager javac = javacs()) {
            javac.setLocation(StandardLocation.CLASS_PATH, List.of(classes.toFile(), jar.toFile()));

            List<String> demo = namesFromBoth(javac, StandardLocation.CLASS_PATH, "demo");
            List<String> lib = namesFromBoth(javac, StandardLocation.CLASS_PATH, "lib");

            assertEquals(2, demo.size(), "the package's own classes, not its sub-package's: " + demo);
            assertAgree(demo, "demo.Point$Polar");
            assertEquals(2, lib.size(), lib.toString());
            assertAgree(lib, "lib.Vec$1");
        } finally {
            try (var paths = Files.walk(dir)) {
                paths.sorted(java.util.Comparator.reverseOrder()).map(Path::toFile).forEach(File::delete);
            }
        }
    }

    @Test
    void aFileFromARecursiveListingGetsJavacsOwnAnswer() throws IOException {
        try (StandardJavaFileManager javac = javacs()) {
            Location base = javac.getLocationForModule(StandardLocation.SYSTEM_MODULES, "java.base");
            ListedClassNames listed = new ListedClassNames(javac);

            for (JavaFileObject file : listed.list(base, "java.util.function", CLASSES, true)) {
                assertEquals(javac.inferBinaryName(base, file), listed.inferBinaryName(base, file));
            }
        }
    }
}
