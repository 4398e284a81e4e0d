package shapeprop.notebooks;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * An executed notebook as a reader of its exported HTML sees it: nbconvert turns it into a page, which
 * headless Chromium (Debian's) opens with no network ({@code tools/browser/check_figures.py}). The result
 * says, for every ShapeProp figure on the page, whether Plotly drew its SVG; the page, the DOM after scripts
 * ran and a screenshot of the whole page stay in the output folder. The screenshot is for people to look at:
 * when Chromium never finishes it (it hung once on a busy CI machine), {@link #screenshot()} is null and the
 * figures' check stands on its own.
 */
public record BrowserCheck(List<Figure> figures, Path page, Path screenshot, String report) {

    static final Path CHROMIUM = Path.of("/usr/bin/chromium");

    /** One figure: its element id, how many Plotly {@code main-svg} layers it has, and whether its PNG still shows. */
    public record Figure(String id, int mainSvg, boolean staticImage) {
        public boolean drawn() {
            return mainSvg > 0 && !staticImage;
        }
    }

    /** Null when Chromium and nbconvert are there, else what is missing. */
    public static String missing() {
        if (!Files.isExecutable(CHROMIUM)) {
            return "no Chromium at " + CHROMIUM + " (apt-get install chromium)";
        }
        return null;
    }

    /** Exports {@code notebook} to {@code out/<name>.html} and checks it in Chromium. */
    public static BrowserCheck of(ExecutedNotebook notebook, Path project, Path out) throws IOException, InterruptedException {
        Files.createDirectories(out);
        String name = notebook.name().replaceAll("\\.ipynb$", "");
        run(project, out.resolve("nbconvert.log"), NotebookRunner.PYTHON, "-m", "nbconvert", "--to", "html",
                "--output-dir", out.toString(), "--output", name, notebook.path().toString());
        Path page = out.resolve(name + ".html");
        String report = run(project, out.resolve("chromium.log"), NotebookRunner.PYTHON,
                project.resolve("tools/browser/check_figures.py").toString(), page.toString(), out.toString());
        String json = report.lines().filter(l -> l.startsWith("{")).reduce((a, b) -> b)
                .orElseThrow(() -> new AssertionError("check_figures.py printed no report:\n" + report));
        List<Figure> figures = new ArrayList<>();
        for (JsonElement f : JsonParser.parseString(json).getAsJsonObject().getAsJsonArray("figures")) {
            JsonObject o = f.getAsJsonObject();
            figures.add(new Figure(o.get("id").getAsString(), o.get("mainSvg").getAsInt(),
                    o.get("staticImage").getAsBoolean()));
        }
        JsonElement screenshot = JsonParser.parseString(json).getAsJsonObject().get("screenshot");
        return new BrowserCheck(List.copyOf(figures), page,
                screenshot == null || screenshot.isJsonNull() ? null : Path.of(screenshot.getAsString()), json);
    }

    private static String run(Path dir, Path log, String... command) throws IOException, InterruptedException {
        Process p = new ProcessBuilder(command).directory(dir.toFile()).redirectError(log.toFile()).start();
        String stdout = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!p.waitFor(10, TimeUnit.MINUTES)) {
            p.destroyForcibly();
            throw new AssertionError(String.join(" ", command) + " timed out; see " + log);
        }
        if (p.exitValue() != 0) {
            throw new AssertionError(String.join(" ", command) + " failed (exit " + p.exitValue() + "):\n"
                    + Files.readString(log));
        }
        return stdout;
    }
}
