package shapeprop.kernel.magic;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParseException;
import com.google.gson.JsonParser;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * What {@code %load name} runs, as IJava finds it: the file {@code name}, else {@code name.jsh}, else
 * {@code name.ipynb}. A Java or JShell file runs as one cell; a notebook runs its code cells one after the other,
 * its Markdown skipped.
 */
final class LoadedFile {

    private static final List<String> EXTENSIONS = List.of("", ".jsh", ".ipynb");

    private LoadedFile() {
    }

    /** The sources to run for {@code %load arg}, in order. */
    static List<String> sources(String arg) throws MagicException {
        Path file = find(arg);
        String text;
        try {
            text = Files.readString(file);
        } catch (IOException e) {
            throw new MagicException("%load " + file + ": cannot read it (" + e.getMessage()
                    + "); paths are relative to " + Path.of("").toAbsolutePath() + ".");
        }
        return file.getFileName().toString().endsWith(".ipynb") ? codeCells(file, text) : List.of(text);
    }

    private static Path find(String arg) throws MagicException {
        List<String> tried = new ArrayList<>();
        for (String extension : EXTENSIONS) {
            Path candidate = Path.of(arg + extension);
            if (Files.isRegularFile(candidate)) {
                return candidate;
            }
            tried.add(candidate.toString());
        }
        throw new MagicException("%load " + arg + ": no such file (tried " + String.join(", ", tried)
                + "); paths are relative to " + Path.of("").toAbsolutePath() + ".");
    }

    /** The code cells of a notebook file; each cell's source is a string or a list of lines in nbformat 4. */
    private static List<String> codeCells(Path file, String json) throws MagicException {
        try {
            JsonElement cells = JsonParser.parseString(json).getAsJsonObject().get("cells");
            if (cells == null || !cells.isJsonArray()) {
                throw new MagicException("%load " + file + ": a notebook without a \"cells\" list; save it with "
                        + "Jupyter (nbformat 4) and load it again.");
            }
            List<String> sources = new ArrayList<>();
            for (JsonElement cell : cells.getAsJsonArray()) {
                JsonObject c = cell.getAsJsonObject();
                if (c.has("cell_type") && c.get("cell_type").getAsString().equals("code") && c.has("source")) {
                    sources.add(text(c.get("source")));
                }
            }
            return sources;
        } catch (JsonParseException | IllegalStateException | UnsupportedOperationException e) {
            throw new MagicException("%load " + file + ": not a Jupyter notebook (" + e.getMessage() + "); "
                    + "%load runs .jsh and .java files as they are, and the code cells of an .ipynb.");
        }
    }

    private static String text(JsonElement source) {
        if (!source.isJsonArray()) {
            return source.getAsString();
        }
        StringBuilder text = new StringBuilder();
        for (JsonElement line : (JsonArray) source) {
            text.append(line.getAsString());
        }
        return text.toString();
    }
}
