package shapeprop.kernel.magic;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class MagicTest {

    @Test
    void aLineMagicHasANameAndWords() {
        Magic m = Magic.parse("%maven org.apache.commons:commons-text:1.12.0  com.x:y:1", "", 1);
        assertEquals("maven", m.name());
        assertEquals(List.of("org.apache.commons:commons-text:1.12.0", "com.x:y:1"), m.args());
        assertFalse(m.cell());
    }

    @Test
    void quotesKeepAPathWithSpacesTogether() {
        assertEquals(List.of("my libs/a.jar", "b.jar"), Magic.parse("%jars \"my libs/a.jar\" b.jar", "", 1).args());
    }

    @Test
    void javaModuloIsNotAMagic() {
        assertFalse(Magic.isMagicLine("  % 2"));
        assertTrue(Magic.isMagicLine("%classpath lib/*"));
    }

    @Test
    void aCellRunsCodeAndMagicsInTheirOrder() {
        String cell = "int a = 1;\n%maven g:a:1\nimport org.x.Y;\nY.go(a)";
        List<CellParts.Part> parts = CellParts.split(cell);
        assertEquals(3, parts.size());
        CellParts.Code first = assertInstanceOf(CellParts.Code.class, parts.get(0));
        assertEquals("int a = 1;\n", first.text());
        assertEquals("maven", assertInstanceOf(CellParts.MagicPart.class, parts.get(1)).magic().name());
        CellParts.Code rest = assertInstanceOf(CellParts.Code.class, parts.get(2));
        assertEquals(cell.indexOf("import"), rest.offset(), "offsets keep error positions right");
    }

    @Test
    void aCellMagicTakesTheWholeCell() {
        List<CellParts.Part> parts = CellParts.split("%%html\n<b>hi</b>\n%not a magic here");
        assertEquals(1, parts.size());
        Magic m = assertInstanceOf(CellParts.MagicPart.class, parts.get(0)).magic();
        assertTrue(m.cell());
        assertEquals("<b>hi</b>\n%not a magic here", m.body());
    }

    @Test
    void aMissingJarIsNamedWithTheDirectoryItWasLookedFor() {
        MagicException e = assertThrows(MagicException.class, () -> Magics.expand("no/such.jar", false));
        assertTrue(e.getMessage().startsWith("No such file or directory: ") && e.getMessage().contains("working directory"));
    }

    @Test
    void aGlobInTheFileNameAddsEveryMatchingJarInOrder(@TempDir Path dir) throws Exception {
        for (String name : List.of("commons-b-1.jar", "commons-a-2.jar", "other-1.jar", "commons-c.txt")) {
            Files.writeString(dir.resolve(name), "");
        }
        assertEquals(List.of(dir.resolve("commons-a-2.jar"), dir.resolve("commons-b-1.jar")),
                Magics.expand(dir + "/commons-*.jar", true));
        assertEquals(3, Magics.expand(dir + "/*", false).size(), "dir/* is every jar of the folder");
    }

    @Test
    void aGlobThatMatchesNothingSaysWhereItLooked(@TempDir Path dir) {
        MagicException e = assertThrows(MagicException.class, () -> Magics.expand(dir + "/lib-*.jar", true));
        assertEquals("No file in " + dir.toAbsolutePath() + " matches lib-*.jar (paths are relative to the kernel's "
                + "working directory, " + Path.of("").toAbsolutePath() + ").", e.getMessage());
    }

    @Test
    void theShapePropJarIsBuiltInSoTheCourseSetupLineIsSkipped() {
        assertTrue(Magics.isShapePropJar("../target/shapeprop-*-all.jar"));
        assertTrue(Magics.isShapePropJar("C:\\libs\\shapeprop-0.1.0.jar"));
        assertFalse(Magics.isShapePropJar("../target/other-*-all.jar"));
        assertFalse(Magics.isShapePropJar("shapeprop-notes.txt"));
    }

    @Test
    void badMavenCoordinatesSayWhatToWrite() {
        MavenResolver resolver = new MavenResolver(MavenResolver.defaultLocalRepository());
        MagicException e = assertThrows(MagicException.class, () -> resolver.resolve("commons-text"));
        assertTrue(e.getMessage().contains("group:artifact:version"), e.getMessage());
    }

    @Test
    void offlineMavenSaysSoAndHowToCarryOn(@TempDir Path localRepository) {
        // Port 9 (discard) refuses connections at once: what a machine without network sees.
        MavenResolver offline = new MavenResolver(localRepository, "http://127.0.0.1:9/maven2/");
        long t = System.nanoTime();
        MagicException e = assertThrows(MagicException.class,
                () -> offline.resolve("org.apache.commons:commons-text:1.12.0"));
        assertTrue((System.nanoTime() - t) / 1e9 < 20, "fails within seconds, not after a long hang");
        assertTrue(e.getMessage().startsWith("%maven org.apache.commons:commons-text:1.12.0: could not resolve it from "
                + "[http://127.0.0.1:9/maven2/]"), e.getMessage());
        assertTrue(e.getMessage().contains("network connection") && e.getMessage().contains("%jars path/to/lib.jar"),
                e.getMessage());
    }
}
