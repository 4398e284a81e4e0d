package shapeprop;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.fail;

/**
 * Runs one of the end-to-end check scripts under {@code tools/} with Debian's Python; each prints one JSON
 * report on standard output and leaves its logs in the output folder.
 */
final class CheckScript {

    static final Path PYTHON = Path.of("/usr/bin/python3");

    private CheckScript() {
    }

    /** The report of {@code script OUT args…}; fails the test with the script's errors when it fails. */
    static JsonObject run(String script, Path out, Map<String, String> environment, List<String> args, int minutes)
            throws IOException, InterruptedException {
        Files.createDirectories(out);
        List<String> command = new ArrayList<>(List.of(PYTHON.toString(), script, out.toString()));
        command.addAll(args);
        Path errors = out.resolve(Path.of(script).getFileName() + ".err");
        ProcessBuilder builder = new ProcessBuilder(command).redirectError(errors.toFile());
        builder.environment().putAll(environment);
        Process process = builder.start();
        String stdout = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!process.waitFor(minutes, TimeUnit.MINUTES)) {
            process.destroyForcibly();
            fail(script + " did not finish in " + minutes + " minutes");
        }
        if (process.exitValue() != 0) {
            fail(script + " failed (exit " + process.exitValue() + "):\n" + Files.readString(errors) + stdout);
        }
        return JsonParser.parseString(stdout).getAsJsonObject();
    }

    /** {@code <build dir>/name}, where a check leaves its logs. */
    static Path output(String name) {
        return Path.of(System.getProperty("sp.buildDir", "target")).resolve(name).toAbsolutePath();
    }
}
