package shapeprop.kernel.magic;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.Socket;
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
    void aPercentLineInsideACommentOrATextBlockIsJavaNotAMagic() {
        for (String cell : List.of("/*\n%maven com.example:commented-out:1.0\n*/\nint cm = 1;",
                "/**\n * Formats a count.\n%d items\n */\nString fmt(int n) { return \"\" + n; }",
                "String s = \"\"\"\n%d items\n\"\"\".formatted(3);\ns",
                "String s = \"\"\"\n  quoted \\\"\"\"\n%d items\n\"\"\";")) {
            List<CellParts.Part> parts = CellParts.split(cell);
            assertEquals(List.of(new CellParts.Code(cell, 0)), parts, cell);
        }
    }

    @Test
    void aMagicAfterClosedCommentsAndLiteralsIsStillAMagic() {
        for (String code : List.of("// a note", "int a = 1; /* note */", "String s = \"/*\";", "char q = '\"';",
                "String t = \"\"\"\n  %d items\n  \"\"\";", "/*\n  %not this\n*/")) {
            List<CellParts.Part> parts = CellParts.split(code + "\n%maven g:a:1\nint after = 2;");
            assertEquals(3, parts.size(), code);
            assertEquals(new CellParts.Code(code + "\n", 0), parts.get(0));
            assertEquals("%maven g:a:1", assertInstanceOf(CellParts.MagicPart.class, parts.get(1)).magic().toString());
        }
    }

    @Test
    void blankLinesAboveACellMagicAreAllowed() {
        List<CellParts.Part> parts = CellParts.split("\n  \n%%html\n<b>x</b>");
        assertEquals(1, parts.size());
        Magic m = assertInstanceOf(CellParts.MagicPart.class, parts.get(0)).magic();
        assertEquals("%%html", m.toString());
        assertEquals("<b>x</b>", m.body());
        assertEquals(3, m.line(), "the line the learner sees the magic on");
    }

    @Test
    void aLineThatIsNotAMagicIsRefusedWithWhatItReads() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Magic.parse("html", "", 4));
        assertEquals("Line 4 is not a magic: it must start with '%' (e.g. %maven group:artifact:version), "
                + "but it reads \"html\".", e.getMessage());
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

    @Test
    void anInterruptEndsAMavenThatWaitsForAStalledRepository(@TempDir Path localRepository) throws Exception {
        // A repository that accepts connections and never answers: without the interrupt the cell would wait for
        // the connector's 30 s request timeout.
        try (ServerSocket stalled = new ServerSocket(0)) {
            List<Socket> held = new java.util.concurrent.CopyOnWriteArrayList<>();
            Thread acceptor = new Thread(() -> {
                try {
                    while (true) {
                        held.add(stalled.accept());
                    }
                } catch (IOException closed) {
                    // the test is over
                }
            });
            acceptor.setDaemon(true);
            acceptor.start();
            MavenResolver resolver = new MavenResolver(localRepository,
                    "http://127.0.0.1:" + stalled.getLocalPort() + "/maven2/");
            Thread interrupter = new Thread(() -> {
                try {
                    // until the resolution is under way and waiting for the repository
                    while (held.isEmpty()) {
                        Thread.sleep(10);
                    }
                    resolver.cancel();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            });
            interrupter.setDaemon(true);
            interrupter.start();
            long t = System.nanoTime();
            MagicException e = assertThrows(MagicException.class,
                    () -> resolver.resolve("org.apache.commons:commons-text:1.12.0"));
            assertTrue((System.nanoTime() - t) / 1e9 < 10, "ends at the interrupt, not at the 30 s timeout");
            assertEquals("%maven org.apache.commons:commons-text:1.12.0: interrupted on your request; nothing was "
                    + "added to the classpath. Run the cell again to resolve it (what was downloaded so far stays in "
                    + localRepository + ").", e.getMessage());
            // The resolver still works afterwards: the next %maven gets its own answer.
            MagicException bad = assertThrows(MagicException.class, () -> resolver.resolve("commons-text"));
            assertTrue(bad.getMessage().contains("group:artifact:version"), bad.getMessage());
            for (Socket s : held) {
                s.close();
            }
        }
    }

    /**
     * A Maven repository in a folder: org.example.fixture:alpha:1.0 needs beta:2.0; gamma:1.0 stands alone. Its
     * file:// URL lets %loadFromPOM resolve without the network.
     */
    private static String fixtureRepository(Path dir) throws IOException {
        fixtureArtifact(dir, "alpha", "1.0", "<dependencies><dependency><groupId>org.example.fixture</groupId>"
                + "<artifactId>beta</artifactId><version>2.0</version></dependency></dependencies>");
        fixtureArtifact(dir, "beta", "2.0", "");
        fixtureArtifact(dir, "gamma", "1.0", "");
        return dir.toUri().toString();
    }

    private static void fixtureArtifact(Path repo, String artifact, String version, String dependencies)
            throws IOException {
        Path dir = Files.createDirectories(repo.resolve("org/example/fixture/" + artifact + "/" + version));
        Files.writeString(dir.resolve(artifact + "-" + version + ".pom"), "<project><modelVersion>4.0.0</modelVersion>"
                + "<groupId>org.example.fixture</groupId><artifactId>" + artifact + "</artifactId><version>" + version
                + "</version>" + dependencies + "</project>");
        try (var jar = new java.util.jar.JarOutputStream(Files.newOutputStream(
                dir.resolve(artifact + "-" + version + ".jar")))) {
            jar.putNextEntry(new java.util.zip.ZipEntry(artifact + ".txt"));
            jar.write(artifact.getBytes(java.nio.charset.StandardCharsets.UTF_8));
        }
    }

    private static List<String> fileNames(List<Path> jars) {
        return jars.stream().map(p -> p.getFileName().toString()).sorted().toList();
    }

    @Test
    void loadFromPomResolvesAPastedFragmentWithItsPropertiesAndRepository(@TempDir Path dir) throws Exception {
        String repo = fixtureRepository(dir.resolve("remote"));
        MavenResolver resolver = new MavenResolver(dir.resolve("local"));
        String cell = """
                <properties>
                  <alpha.version>1.0</alpha.version>
                </properties>
                <repository>
                  <id>fixture</id>
                  <url>%s</url>
                </repository>
                <dependency>
                  <groupId>org.example.fixture</groupId>
                  <artifactId>alpha</artifactId>
                  <version>${alpha.version}</version>
                </dependency>
                <dependency>
                  <groupId>org.example.fixture</groupId>
                  <artifactId>gamma</artifactId>
                  <version>1.0</version>
                  <scope>test</scope>
                </dependency>
                """.formatted(repo);
        List<Path> jars = resolver.resolvePom("%%loadFromPOM", MavenResolver.pomText(cell), List.of());
        assertEquals(List.of("alpha-1.0.jar", "beta-2.0.jar"), fileNames(jars), "compile scope, transitively");
        List<Path> tests = resolver.resolvePom("%%loadFromPOM test", MavenResolver.pomText(cell), List.of("test"));
        assertEquals(List.of("gamma-1.0.jar"), fileNames(tests), "only the scope asked for");
    }

    @Test
    void loadFromPomReadsAFileWithItsParentNextToIt(@TempDir Path dir) throws Exception {
        String repo = fixtureRepository(dir.resolve("remote"));
        // the parent manages alpha's version and declares the repository; the child names alpha without a version
        Files.writeString(dir.resolve("pom.xml"), """
                <project><modelVersion>4.0.0</modelVersion>
                  <groupId>org.example</groupId><artifactId>parent</artifactId><version>1</version>
                  <packaging>pom</packaging>
                  <repositories><repository><id>fixture</id><url>%s</url></repository></repositories>
                  <dependencyManagement><dependencies><dependency>
                    <groupId>org.example.fixture</groupId><artifactId>alpha</artifactId><version>1.0</version>
                  </dependency></dependencies></dependencyManagement>
                </project>""".formatted(repo));
        Path child = Files.createDirectories(dir.resolve("child")).resolve("pom.xml");
        Files.writeString(child, """
                <project><modelVersion>4.0.0</modelVersion>
                  <parent><groupId>org.example</groupId><artifactId>parent</artifactId><version>1</version></parent>
                  <artifactId>child</artifactId>
                  <dependencies><dependency>
                    <groupId>org.example.fixture</groupId><artifactId>alpha</artifactId>
                  </dependency></dependencies>
                </project>""");
        List<Path> jars = new MavenResolver(dir.resolve("local"))
                .resolvePom("%loadFromPOM " + child, MavenResolver.pomFile(child), List.of());
        assertEquals(List.of("alpha-1.0.jar", "beta-2.0.jar"), fileNames(jars));
    }

    @Test
    void loadFromPomTakesAWholePomXmlPastedWithItsXmlDeclaration(@TempDir Path dir) throws Exception {
        String repo = fixtureRepository(dir.resolve("remote"));
        String cell = """
                \uFEFF<?xml version="1.0" encoding="UTF-8"?>
                <project xmlns="http://maven.apache.org/POM/4.0.0">
                  <modelVersion>4.0.0</modelVersion>
                  <groupId>org.example</groupId><artifactId>pasted</artifactId><version>1</version>
                  <repositories><repository><id>fixture</id><url>%s</url></repository></repositories>
                  <dependencies><dependency>
                    <groupId>org.example.fixture</groupId><artifactId>alpha</artifactId><version>1.0</version>
                  </dependency></dependencies>
                </project>
                """.formatted(repo);
        List<Path> jars = new MavenResolver(dir.resolve("local"))
                .resolvePom("%%loadFromPOM", MavenResolver.pomText(cell), List.of());
        assertEquals(List.of("alpha-1.0.jar", "beta-2.0.jar"), fileNames(jars));
    }

    @Test
    void cellsThatAreNotXmlSayItOnlyInTheErrorNotOnStderr() throws Exception {
        java.io.ByteArrayOutputStream printed = new java.io.ByteArrayOutputStream();
        java.io.PrintStream stderr = System.err;
        System.setErr(new java.io.PrintStream(printed, true, java.nio.charset.StandardCharsets.UTF_8));
        try {
            assertThrows(MagicException.class, () -> MavenResolver.pomText("<dependency><groupId>a</groupId>"));
            assertThrows(MagicException.class, () -> MavenResolver.pomText("<dependency>\n<?xml version=\"1.0\"?>"));
        } finally {
            System.setErr(stderr);
        }
        assertEquals("", printed.toString(java.nio.charset.StandardCharsets.UTF_8));
    }

    @Test
    void loadFromPomSaysWhatIsWrongWithTheCell(@TempDir Path dir) {
        MagicException notXml = assertThrows(MagicException.class,
                () -> MavenResolver.pomText("<dependency><groupId>a</groupId>"));
        assertTrue(notXml.getMessage().startsWith("%%loadFromPOM: the cell is not well-formed XML ("),
                notXml.getMessage());
        MagicException build = assertThrows(MagicException.class, () -> MavenResolver.pomText("<build/>"));
        assertEquals("%%loadFromPOM: <build> is not something it loads; paste <dependency> and <repository> elements "
                + "(or <dependencies>, <repositories>, <properties>, <dependencyManagement>, or a whole <project>).",
                build.getMessage());
        MagicException empty = assertThrows(MagicException.class, () -> MavenResolver.pomText("\n"));
        assertTrue(empty.getMessage().startsWith("%%loadFromPOM: the cell has no POM in it;"), empty.getMessage());
        MagicException scope = assertThrows(MagicException.class, () -> new MavenResolver(dir).resolvePom(
                "%%loadFromPOM", MavenResolver.pomText("<dependency><groupId>g</groupId><artifactId>a</artifactId>"
                        + "<version>1</version><scope>test</scope></dependency>"), List.of()));
        assertEquals("%%loadFromPOM: the POM declares no dependency in scope compile, runtime, system; it declares "
                + "g:a (test). Name their scope after the magic, e.g. %%loadFromPOM test.", scope.getMessage());
        MagicException noVersion = assertThrows(MagicException.class, () -> new MavenResolver(dir).resolvePom(
                "%%loadFromPOM", MavenResolver.pomText("<dependency><groupId>g</groupId><artifactId>a</artifactId>"
                        + "</dependency>"), List.of()));
        assertTrue(noVersion.getMessage().startsWith("%%loadFromPOM: Maven cannot read the POM: "
                + "'dependencies.dependency.version' for g:a:jar is missing"), noVersion.getMessage());
    }

    @Test
    void ijavasLongNamesForTheMavenMagicsWorkToo(@TempDir Path dir) {
        // each fails before it would add anything, so no kernel is needed behind it
        Magics magics = new Magics(null, new MavenResolver(dir));
        for (String name : List.of("addMavenDependencies", "addMavenDependency", "maven")) {
            MagicException e = assertThrows(MagicException.class,
                    () -> magics.run(Magic.parse("%" + name + " commons-text", "", 1)));
            assertTrue(e.getMessage().startsWith("%maven commons-text: not Maven coordinates"), e.getMessage());
        }
        MagicException repo = assertThrows(MagicException.class,
                () -> magics.run(Magic.parse("%addMavenRepo jitpack", "", 1)));
        assertTrue(repo.getMessage().startsWith("%mavenRepo needs an id and a URL"), repo.getMessage());
        MagicException pom = assertThrows(MagicException.class,
                () -> magics.run(Magic.parse("%loadFromPOM no/such/pom.xml", "", 1)));
        assertTrue(pom.getMessage().startsWith("%loadFromPOM no/such/pom.xml: no such file"), pom.getMessage());
    }

    @Test
    void loadFindsAFileByItsNameAloneAndRunsANotebooksCodeCells(@TempDir Path dir) throws Exception {
        Files.writeString(dir.resolve("helpers.jsh"), "int a = 1;");
        assertEquals(List.of("int a = 1;"), LoadedFile.sources(dir.resolve("helpers").toString()));
        Files.writeString(dir.resolve("steps.ipynb"), """
                {"cells": [{"cell_type": "markdown", "source": ["# Steps"]},
                           {"cell_type": "code", "source": ["int b = 2;\\n", "int c = b + 1;"]},
                           {"cell_type": "code", "source": "c"}],
                 "nbformat": 4, "nbformat_minor": 5, "metadata": {}}""");
        assertEquals(List.of("int b = 2;\nint c = b + 1;", "c"), LoadedFile.sources(dir.resolve("steps").toString()));
        MagicException missing = assertThrows(MagicException.class,
                () -> LoadedFile.sources(dir.resolve("nothing").toString()));
        assertTrue(missing.getMessage().startsWith("%load " + dir.resolve("nothing") + ": no such file (tried "
                + dir.resolve("nothing") + ", " + dir.resolve("nothing.jsh") + ", " + dir.resolve("nothing.ipynb")
                + ")"), missing.getMessage());
        Files.writeString(dir.resolve("broken.ipynb"), "{not json");
        MagicException broken = assertThrows(MagicException.class,
                () -> LoadedFile.sources(dir.resolve("broken.ipynb").toString()));
        assertTrue(broken.getMessage().startsWith("%load " + dir.resolve("broken.ipynb") + ": not a Jupyter notebook"),
                broken.getMessage());
    }
}
