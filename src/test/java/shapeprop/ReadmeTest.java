package shapeprop;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The README says what a reader will type and see: its Java example runs in JShell against this build and
 * prints the lines the README shows, and CI runs exactly the README's test command.
 */
class ReadmeTest {

    private final String readme = read("README.md");

    @Test
    void theLibraryExampleRunsAndPrintsWhatTheReadmeShows(@org.junit.jupiter.api.io.TempDir Path dir)
            throws IOException, InterruptedException {
        List<String> blocks = blocks("java");
        assertEquals(1, blocks.size(), "one Java example in the README");
        Path script = dir.resolve("example.jsh");
        // JShell ends a snippet at the end of any line that completes it; Java continues a call chain on the
        // next line's leading dot, as the README writes it
        Files.writeString(script, blocks.get(0).replaceAll("\\n\\s+\\.", ".") + "\n/exit\n");
        Process jshell = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "jshell").toString(),
                "--add-modules", "jdk.incubator.vector", "-R--add-modules", "-Rjdk.incubator.vector",
                "--class-path", System.getProperty("surefire.test.class.path", System.getProperty("java.class.path")),
                script.toString()).redirectErrorStream(true).start();
        String out = new String(jshell.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(jshell.waitFor(120, TimeUnit.SECONDS));
        assertTrue(!out.contains("Error:") && !out.contains("Exception"), out);
        // the block after the example is what it prints, "among the rest"
        String shown = readme.substring(readme.indexOf("prints, among the rest"));
        Matcher printed = Pattern.compile("```\\n(.*?)```", Pattern.DOTALL).matcher(shown);
        assertTrue(printed.find());
        for (String line : printed.group(1).strip().split("\n")) {
            assertTrue(roundOff(out).contains(roundOff(line)),
                    "the README shows «" + line + "» but the example printed:\n" + out);
        }
    }

    /** Differences below 1e-9 are round-off: their digits depend on the CPU's vector width, not on the code. */
    private static String roundOff(String text) {
        return text.replaceAll("\\d\\.\\de-(?:\\d\\d|9)\\b", "x.xe-xx");
    }

    @Test
    void ciRunsExactlyTheReadmesTestCommand() {
        String commands = blocks("bash").get(0);
        assertTrue(commands.contains("./start.sh") && commands.contains("./test.sh"), commands);
        String ci = read(".ci/run");
        List<String> run = ci.lines().filter(l -> !l.isBlank() && !l.startsWith("#") && !l.startsWith("set ")
                && !l.startsWith("cd ")).toList();
        assertEquals(List.of("./test.sh"), run, ".ci/run must run the README's test command and nothing else");
    }

    @Test
    void theScreenshotTheReadmeShowsIsInTheRepository() {
        Matcher image = Pattern.compile("!\\[[^]]*]\\(((?!https?:)[^)]+)\\)").matcher(readme);
        assertTrue(image.find(), "the README shows a screenshot");
        assertTrue(Files.isRegularFile(Path.of(image.group(1))), image.group(1));
    }

    private List<String> blocks(String language) {
        Matcher m = Pattern.compile("```" + language + "\\n(.*?)```", Pattern.DOTALL).matcher(readme);
        List<String> found = new ArrayList<>();
        while (m.find()) {
            found.add(m.group(1));
        }
        return found;
    }

    private static String read(String file) {
        try {
            return Files.readString(Path.of(file));
        } catch (IOException e) {
            throw new AssertionError("cannot read " + file, e);
        }
    }
}
