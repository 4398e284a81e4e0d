package shapeprop.notebooks;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A notebook after a run: its code cells by id, with what a learner would see under each one — printed
 * text, shown values, errors — and how long the run took.
 */
public final class ExecutedNotebook {

    /**
     * One code cell after the run; {@code displayUpdates} counts the update_display_data messages the kernel
     * sent while it ran (outputs updated in place, which the saved notebook shows only in their last state).
     */
    public record Cell(String id, String source, List<String> tags, List<JsonObject> outputs, int displayUpdates) {

        /** True when the cell is tagged {@code raises-exception}: it is meant to fail. */
        public boolean meantToFail() {
            return tags.contains("raises-exception");
        }

        /** The error the cell raised ({@code ename: evalue}), or null. */
        public String error() {
            for (JsonObject output : outputs) {
                if (output.get("output_type").getAsString().equals("error")) {
                    return output.get("ename").getAsString() + ": " + output.get("evalue").getAsString();
                }
            }
            return null;
        }

        /** Everything shown as text: printed lines, the text/plain of values and displays, and errors. */
        public String text() {
            StringBuilder text = new StringBuilder();
            for (JsonObject output : outputs) {
                switch (output.get("output_type").getAsString()) {
                    case "stream" -> text.append(joined(output.get("text")));
                    case "execute_result", "display_data" -> {
                        JsonObject data = output.getAsJsonObject("data");
                        if (data.has("text/plain")) {
                            text.append(joined(data.get("text/plain"))).append('\n');
                        }
                    }
                    case "error" -> text.append(output.get("ename").getAsString()).append(": ")
                            .append(output.get("evalue").getAsString()).append('\n');
                    default -> { }
                }
            }
            return text.toString();
        }

        /** The outputs that carry a given MIME type, e.g. {@code text/html}, as text. */
        public List<String> data(String mime) {
            List<String> found = new ArrayList<>();
            for (JsonObject output : outputs) {
                JsonObject data = output.getAsJsonObject("data");
                if (data != null && data.has(mime)) {
                    found.add(joined(data.get(mime)));
                }
            }
            return found;
        }
    }

    private final Path path;
    private final String name;
    private final Map<String, Cell> cells;
    private final double seconds;
    private final int exitCode;
    private final String log;

    private ExecutedNotebook(Path path, Map<String, Cell> cells, double seconds, int exitCode, String log) {
        this.path = path;
        this.name = path.getFileName().toString();
        this.cells = cells;
        this.seconds = seconds;
        this.exitCode = exitCode;
        this.log = log;
    }

    /** Reads an executed .ipynb; {@code exitCode} and {@code log} are those of the run that wrote it. */
    public static ExecutedNotebook read(Path ipynb, int exitCode, String log) throws IOException {
        JsonObject nb = JsonParser.parseString(Files.readString(ipynb, StandardCharsets.UTF_8)).getAsJsonObject();
        Map<String, Cell> cells = new LinkedHashMap<>();
        for (JsonElement element : nb.getAsJsonArray("cells")) {
            JsonObject cell = element.getAsJsonObject();
            if (!cell.get("cell_type").getAsString().equals("code")) {
                continue;
            }
            List<String> tags = new ArrayList<>();
            JsonObject metadata = cell.getAsJsonObject("metadata");
            if (metadata != null && metadata.has("tags")) {
                metadata.getAsJsonArray("tags").forEach(t -> tags.add(t.getAsString()));
            }
            List<JsonObject> outputs = new ArrayList<>();
            cell.getAsJsonArray("outputs").forEach(o -> outputs.add(o.getAsJsonObject()));
            String id = cell.get("id").getAsString();
            int updates = metadata != null && metadata.has("shapeprop")
                    && metadata.getAsJsonObject("shapeprop").has("display_updates")
                    ? metadata.getAsJsonObject("shapeprop").get("display_updates").getAsInt() : 0;
            cells.put(id, new Cell(id, joined(cell.get("source")), List.copyOf(tags), List.copyOf(outputs), updates));
        }
        JsonObject metadata = nb.getAsJsonObject("metadata");
        double seconds = metadata.has("shapeprop_run_seconds") ? metadata.get("shapeprop_run_seconds").getAsDouble()
                : Double.NaN;
        return new ExecutedNotebook(ipynb, cells, seconds, exitCode, log);
    }

    public String name() {
        return name;
    }

    /** The executed .ipynb file (in the build directory). */
    public Path path() {
        return path;
    }

    /** The code cell with this id; fails the test with the ids there are when it does not exist. */
    public Cell cell(String id) {
        Cell cell = cells.get(id);
        if (cell == null) {
            throw new AssertionError(name + " has no code cell with id " + id + "; its code cells are " + cells.keySet());
        }
        return cell;
    }

    /** The text a learner sees under the cell with this id. */
    public String text(String id) {
        return cell(id).text();
    }

    public List<Cell> cells() {
        return List.copyOf(cells.values());
    }

    /** Wall-clock seconds of the run (kernel start included). */
    public double seconds() {
        return seconds;
    }

    /** 0 when every cell ran (failures only where tagged); else the runner's exit code. */
    public int exitCode() {
        return exitCode;
    }

    /** What the runner printed (the failing cell and its error, when one failed). */
    public String log() {
        return log;
    }

    private static String joined(JsonElement text) {
        if (text == null || text.isJsonNull()) {
            return "";
        }
        if (text.isJsonArray()) {
            StringBuilder s = new StringBuilder();
            for (JsonElement part : (JsonArray) text) {
                s.append(part.getAsString());
            }
            return s.toString();
        }
        return text.getAsString();
    }
}
