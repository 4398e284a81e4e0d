package shapeprop.kernel;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import shapeprop.kernel.eval.Evaluator;
import shapeprop.kernel.eval.Outcome;
import shapeprop.matrix.Matrix;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.jar.JarOutputStream;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The directory of classes kernel/install unpacks for JShell's compiler, and what the kernel does without it. */
class CompilerClassPathTest {

    private static final PrintStream QUIET = new PrintStream(OutputStream.nullOutputStream());

    @AfterEach
    void forgetTheProperty() {
        System.clearProperty(CompilerClassPath.PROPERTY);
    }

    @Test
    void unpackingKeepsTheClassFilesOnly(@TempDir Path tmp) throws IOException {
        Path jar = tmp.resolve("all.jar");
        try (JarOutputStream out = new JarOutputStream(Files.newOutputStream(jar))) {
            for (String name : List.of("META-INF/MANIFEST.MF", "META-INF/versions/11/a/B.class",
                    "module-info.class", "a/B.class", "a/c/D.class", "a/notes.txt")) {
                out.putNextEntry(new ZipEntry(name));
                out.write(name.getBytes(StandardCharsets.UTF_8));
                out.closeEntry();
            }
        }
        Path dir = tmp.resolve("classes");
        Files.createDirectories(dir.resolve("stale"));
        Files.writeString(dir.resolve("stale/Old.class"), "from an earlier install");

        assertEquals(2, CompilerClassPath.unpack(jar, dir));

        try (Stream<Path> files = Files.walk(dir)) {
            assertEquals(List.of("a/B.class", "a/c/D.class"), files.filter(Files::isRegularFile)
                    .map(p -> dir.relativize(p).toString().replace('\\', '/')).sorted().toList());
        }
        assertEquals("a/B.class", Files.readString(dir.resolve("a/B.class")));
    }

    @Test
    void withoutThePropertyTheCompilerSearchesTheJvmClassPath() {
        assertEquals(System.getProperty("java.class.path"), CompilerClassPath.get(QUIET));
    }

    @Test
    void aMissingDirectoryFallsBackToTheJarAndSaysHowToFixIt(@TempDir Path tmp) {
        Path missing = tmp.resolve("classes");
        System.setProperty(CompilerClassPath.PROPERTY, missing.toString());
        ByteArrayOutputStream log = new ByteArrayOutputStream();

        assertEquals(System.getProperty("java.class.path"),
                CompilerClassPath.get(new PrintStream(log, true, StandardCharsets.UTF_8)));
        String message = log.toString(StandardCharsets.UTF_8);
        assertTrue(message.contains(missing + " is not a directory") && message.contains("Re-run kernel/install"),
                message);
    }

    @Test
    void cellsCompiledAgainstTheDirectoryGetTheKernelsOwnClasses(@TempDir Path tmp) throws Exception {
        // the build's classes directory stands in for the unpacked jar
        Path classes = Path.of(Matrix.class.getProtectionDomain().getCodeSource().getLocation().toURI());
        assertTrue(Files.isDirectory(classes), classes + " should be the build's classes directory");
        System.setProperty(CompilerClassPath.PROPERTY, classes.toString());
        String jvmClassPath = System.getProperty("java.class.path");

        try (Evaluator e = new Evaluator(CompilerClassPath.get(QUIET), List.of("--add-modules",
                "jdk.incubator.vector"), QUIET)) {
            assertEquals(jvmClassPath, System.getProperty("java.class.path"), "the JVM's class path is left as it was");
            Outcome.Value v = assertInstanceOf(Outcome.Value.class,
                    e.run("shapeprop.matrix.Matrix.eye(2)", 0, "shapeprop.matrix.Matrix.eye(2)", 1));
            // the same Matrix class the kernel's renderers know, not a copy loaded from the directory
            assertSame(Matrix.class, v.object().getClass());
        }
    }
}
