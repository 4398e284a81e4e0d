package shapeprop.viz;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.google.gson.Gson;
import com.google.gson.GsonBuilder;
import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * An executed notebook full of figures, exported to HTML with nbconvert, opened in headless Chromium with no
 * network: Plotly must draw every figure from the plotly.js that the first figure's output carries.
 * The page, the DOM after scripts ran and a screenshot are left in {@code <build dir>/viz-browser/}.
 */
class BrowserRenderingTest {

    private static final Path CHROMIUM = Path.of("/usr/bin/chromium");
    private static final Path PYTHON = Path.of("/usr/bin/python3");

    @Test
    void everyFigureOfAnExportedNotebookIsDrawnByPlotlyOffline() throws Exception {
        assumeTrue(Files.isExecutable(CHROMIUM), "needs Debian's chromium at " + CHROMIUM);
        assumeTrue(Files.isExecutable(PYTHON), "needs " + PYTHON + " with nbconvert");
        Path out = Path.of(System.getProperty("sp.buildDir", "target")).resolve("viz-browser");
        Files.createDirectories(out);

        NotebookHtml session = new NotebookHtml();
        Map<String, Map<String, String>> outputs = new LinkedHashMap<>();
        Map<String, Object> gallery = Gallery.figures();
        for (Map.Entry<String, Object> cell : gallery.entrySet()) {
            outputs.put(cell.getKey(), session.render(cell.getValue()).orElseThrow());
            if (cell.getValue() instanceof Plot plot) { // the static fallbacks, to look at
                PlotImage.save(plot, out.resolve("static").resolve(cell.getKey().replace(' ', '-') + ".png"));
            }
        }
        Path notebook = out.resolve("figures.ipynb");
        Files.writeString(notebook, notebook(outputs));
        run(out, PYTHON.toString(), "-m", "nbconvert", "--to", "html", "--output", "figures", notebook.toString());
        Path page = out.resolve("figures.html");
        assertTrue(Files.size(page) < 4_000_000, "plotly.js is embedded once: " + Files.size(page) + " bytes");

        String report = run(out, PYTHON.toString(), "tools/browser/check_figures.py", page.toString(), out.toString());
        JsonObject result = new Gson().fromJson(report.lines().reduce((a, b) -> b).orElse("{}"), JsonObject.class);
        JsonArray figures = result.getAsJsonArray("figures");
        List<String> cells = new ArrayList<>();
        gallery.forEach((cell, value) -> {
            if (value instanceof Plot || value instanceof tech.tablesaw.plotly.components.Figure) {
                cells.add(cell);
            }
        });
        assertEquals(cells.size(), figures.size(), "one figure per figure cell: " + report);
        List<String> notDrawn = new ArrayList<>();
        for (int i = 0; i < figures.size(); i++) {
            JsonObject f = figures.get(i).getAsJsonObject();
            if (f.get("mainSvg").getAsInt() == 0 || f.get("staticImage").getAsBoolean()) {
                notDrawn.add(cells.get(i) + " " + f);
            }
        }
        assertEquals(List.of(), notDrawn, "figures Plotly did not draw (see " + out.resolve("screenshot.png") + ")");
        assertTrue(Files.size(out.resolve("screenshot.png")) > 10_000, "a screenshot was taken");
    }

    @Test
    void aFigureRenderedBeforeTheOutputCarryingPlotlyJsWaitsForIt() throws Exception {
        // JupyterLab may render a later output first (windowing, a re-rendered cell): its figure must wait
        assumeTrue(Files.isExecutable(CHROMIUM), "needs Debian's chromium at " + CHROMIUM);
        assumeTrue(Files.isExecutable(PYTHON), "needs " + PYTHON);
        Path out = Path.of(System.getProperty("sp.buildDir", "target")).resolve("viz-browser-order");
        Files.createDirectories(out);
        NotebookHtml session = new NotebookHtml();
        Plot first = Plot.builder("carries plotly.js").add(PlotTrace.line("a", new double[] {0, 1},
                new double[] {0, 1}, Palette.series(0))).build();
        Plot second = Plot.builder("rendered first").add(PlotTrace.line("b", new double[] {0, 1},
                new double[] {1, 0}, Palette.series(1))).build();
        String carrier = session.render(first).orElseThrow().get("text/html");
        String waiting = session.render(second).orElseThrow().get("text/html");
        Path page = out.resolve("order.html");
        Files.writeString(page, "<!DOCTYPE html><html><head><meta charset=\"utf-8\"></head><body>" + waiting
                + carrier + "</body></html>");
        String report = run(out, PYTHON.toString(), "tools/browser/check_figures.py", page.toString(), out.toString());
        JsonArray figures = new Gson().fromJson(report.lines().reduce((a, b) -> b).orElse("{}"), JsonObject.class)
                .getAsJsonArray("figures");
        assertEquals(2, figures.size(), report);
        for (JsonElement f : figures) {
            assertTrue(f.getAsJsonObject().get("mainSvg").getAsInt() > 0, "not drawn: " + f);
        }
    }

    /** An nbformat 4 notebook: one code cell per figure, each with its display_data output. */
    private static String notebook(Map<String, Map<String, String>> outputs) {
        JsonArray cells = new JsonArray();
        int count = 1;
        for (Map.Entry<String, Map<String, String>> e : outputs.entrySet()) {
            JsonObject data = new JsonObject();
            e.getValue().forEach(data::addProperty);
            JsonObject output = new JsonObject();
            output.addProperty("output_type", "display_data");
            output.add("data", data);
            output.add("metadata", new JsonObject());
            JsonArray outs = new JsonArray();
            outs.add(output);
            JsonObject cell = new JsonObject();
            cell.addProperty("cell_type", "code");
            cell.addProperty("execution_count", count++);
            cell.add("metadata", new JsonObject());
            cell.addProperty("source", "display(/* " + e.getKey() + " */)");
            cell.add("outputs", outs);
            cells.add(cell);
        }
        JsonObject kernelspec = new JsonObject();
        kernelspec.addProperty("name", "java");
        kernelspec.addProperty("display_name", "Java (ShapeProp)");
        kernelspec.addProperty("language", "java");
        JsonObject metadata = new JsonObject();
        metadata.add("kernelspec", kernelspec);
        JsonObject nb = new JsonObject();
        nb.add("cells", cells);
        nb.add("metadata", metadata);
        nb.addProperty("nbformat", 4);
        nb.addProperty("nbformat_minor", 5);
        Gson gson = new GsonBuilder().disableHtmlEscaping().create();
        JsonElement tree = nb;
        return gson.toJson(tree);
    }

    private static String run(Path dir, String... command) throws IOException, InterruptedException {
        Process p = new ProcessBuilder(command).directory(Path.of("").toAbsolutePath().toFile())
                .redirectError(dir.resolve(Path.of(command[command.length > 2 ? 2 : 1]).getFileName() + ".err").toFile())
                .start();
        String stdout = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(p.waitFor(5, TimeUnit.MINUTES), String.join(" ", command) + " timed out");
        assertEquals(0, p.exitValue(), String.join(" ", command) + " failed; see " + dir);
        return stdout;
    }
}
