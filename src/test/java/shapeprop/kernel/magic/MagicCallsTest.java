package shapeprop.kernel.magic;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import shapeprop.kernel.eval.Outcome;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** lineMagic and cellMagic, called as a cell's code calls them, against magics that record what they did. */
class MagicCallsTest {

    /** What the magics asked of the kernel. */
    private static final class RecordingHost implements MagicHost {
        final List<String> classpath = new ArrayList<>();
        final List<String> shown = new ArrayList<>();

        @Override
        public void addToClasspath(String path) {
            classpath.add(path);
        }

        @Override
        public Outcome runCode(String code) {
            throw new AssertionError("a magic called from code must not run code: " + code);
        }

        @Override
        public void show(String mime, String text) {
            shown.add(mime + ": " + text);
        }

        @Override
        public void say(String text) {
        }
    }

    private final RecordingHost host = new RecordingHost();

    private void connect(Path dir) {
        MagicCalls.connect(new Magics(host, new MavenResolver(dir.resolve("m2"))));
    }

    @AfterEach
    void disconnect() {
        MagicCalls.connect(null);
    }

    @Test
    void jarsReturnsThePathsItAdded(@TempDir Path dir) throws Exception {
        connect(dir);
        Path b = Files.writeString(dir.resolve("b.jar"), "");
        Path a = Files.writeString(dir.resolve("a.jar"), "");
        List<String> added = MagicCalls.lineMagic("jars", List.of(dir + "/*.jar"));
        assertEquals(List.of(a.toAbsolutePath().toString(), b.toAbsolutePath().toString()), added);
        assertEquals(added, host.classpath);
    }

    @Test
    void aCellMagicShowsItsBodyAndReturnsNull(@TempDir Path dir) {
        connect(dir);
        Object none = MagicCalls.cellMagic("html", List.of(), "<b>x</b>");
        assertNull(none);
        assertEquals(List.of("text/html: <b>x</b>"), host.shown);
    }

    @Test
    void loadCannotRunInsideRunningCodeAndSaysToWriteItOnItsOwnLine(@TempDir Path dir) {
        connect(dir);
        MagicCallException e = assertThrows(MagicCallException.class,
                () -> MagicCalls.lineMagic("load", List.of("helpers.jsh")));
        assertEquals("lineMagic(\"load\", List.of(\"helpers.jsh\")): %load runs a file as a cell, which cannot start "
                + "while this cell's code runs. Write it on a line of its own instead: %load helpers.jsh", e.getMessage());
    }

    @Test
    void anUnknownMagicIsNamedWithTheMagicsThereAre(@TempDir Path dir) {
        connect(dir);
        MagicCallException line = assertThrows(MagicCallException.class,
                () -> MagicCalls.lineMagic("jarz", List.of("a.jar")));
        assertEquals("lineMagic(\"jarz\", List.of(\"a.jar\")): Unknown magic %jarz. Line magics: %classpath, %jars, "
                + "%maven, %mavenRepo, %loadFromPOM, %load.", line.getMessage());
        MagicCallException cell = assertThrows(MagicCallException.class,
                () -> MagicCalls.cellMagic("htm", List.of(), "<b>x</b>"));
        assertEquals("cellMagic(\"htm\", List.of(), …): Unknown cell magic %%htm. Cell magics: %%loadFromPOM, "
                + "%%html, %%markdown, %%latex.", cell.getMessage());
    }

    @Test
    void missingWordsAndNullsSayWhatACallLooksLike(@TempDir Path dir) {
        connect(dir);
        MagicCallException none = assertThrows(MagicCallException.class,
                () -> MagicCalls.lineMagic("jars", List.of()));
        assertEquals("lineMagic(\"jars\", List.of()): %jars needs an argument, e.g. %jars path/to/lib.jar or "
                + "path/to/dir/*", none.getMessage());
        MagicCallException nulls = assertThrows(MagicCallException.class,
                () -> MagicCalls.lineMagic("jars", null));
        assertEquals("lineMagic(\"jars\", null): give the magic's name and its words, e.g. lineMagic(\"jars\", "
                + "List.of(\"lib/x.jar\")); none of them may be null.", nulls.getMessage());
        MagicCallException body = assertThrows(MagicCallException.class,
                () -> MagicCalls.cellMagic("html", List.of(), null));
        assertTrue(body.getMessage().startsWith("cellMagic(\"html\", List.of(), null): give the magic's name, its "
                + "words and the cell's text"), body.getMessage());
    }

    @Test
    void outsideTheKernelTheCallSaysItNeedsTheKernel() {
        IllegalStateException e = assertThrows(IllegalStateException.class,
                () -> MagicCalls.lineMagic("jars", List.of("a.jar")));
        assertEquals("lineMagic(\"jars\", List.of(\"a.jar\")) needs the ShapeProp (or IJava) Jupyter kernel, which "
                + "runs the magics, and this JVM has none (a plain JShell or a test). Run it in a notebook on that "
                + "kernel; in jshell, add jars with /env --class-path instead.", e.getMessage());
    }
}
