package shapeprop.kernel;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * An IJava-style notebook (ijava-features.ipynb: %maven, %%loadFromPOM, an inline %classpath, display, updateDisplay,
 * a Matrix, a compile error and a runtime error in cells tagged raises-exception) executed top to bottom by nbclient,
 * as {@code jupyter nbconvert --execute} does. Set -Dsp.kernel.java=/path/to/java to run it on another JDK.
 */
class IJavaNotebookTest {

    private static JsonArray cells;

    @BeforeAll
    static void execute(@TempDir Path dir) throws Exception {
        JupyterHarness.assumeJupyter("nbclient", "nbformat");
        Path jupyterPath = JupyterHarness.kernelspec(dir);
        String out = JupyterHarness.runPython(jupyterPath, dir, 600,
                JupyterHarness.resource("notebook_driver.py").toString(),
                JupyterHarness.resource("ijava-features.ipynb").toString(), JupyterHarness.KERNEL_NAME,
                dir.resolve("executed.ipynb").toString());
        int i = out.lastIndexOf("RESULT ");
        assertTrue(i >= 0, out);
        cells = JsonParser.parseString(out.substring(i + 7).lines().findFirst().orElseThrow()).getAsJsonArray();
    }

    private static List<JsonObject> outputs(int cell, String type) {
        List<JsonObject> list = new ArrayList<>();
        for (JsonElement e : cells.get(cell).getAsJsonObject().getAsJsonArray("outputs")) {
            if (e.getAsJsonObject().get("type").getAsString().equals(type)) {
                list.add(e.getAsJsonObject());
            }
        }
        return list;
    }

    private static String stdout(int cell) {
        return outputs(cell, "stream").stream().filter(o -> o.get("name").getAsString().equals("stdout"))
                .map(o -> o.get("text").getAsString()).reduce("", String::concat);
    }

    @Test
    void mavenBringsInALibraryWithItsDependencies() {
        assertEquals("%maven org.apache.commons:commons-text:1.12.0: added 2 jars to the classpath\n", stdout(0));
        assertEquals("\"Backprop Shape By Shape\"",
                outputs(0, "execute_result").get(0).getAsJsonObject("data").get("text/plain").getAsString());
        assertTrue(outputs(0, "stream").stream().noneMatch(o -> o.get("text").getAsString().contains("SLF4J")),
                "no logging noise in the cell");
    }

    @Test
    void loadFromPomBringsInWhatAPastedPomFragmentDeclares() {
        assertEquals("%%loadFromPOM: added 1 jar to the classpath\n", stdout(6));
        assertEquals("2", outputs(7, "execute_result").get(0).getAsJsonObject("data").get("text/plain").getAsString());
    }

    @Test
    void anInlineMagicAssignsWhatItAdded() {
        assertEquals("1", outputs(8, "execute_result").get(0).getAsJsonObject("data").get("text/plain").getAsString());
    }

    @Test
    void updateDisplayReplacesTheOutputInPlace() {
        List<JsonObject> displays = outputs(1, "display_data");
        assertEquals(1, displays.size(), "one output, updated three times");
        assertEquals("loss: 0.25", displays.get(0).getAsJsonObject("data").get("text/markdown").getAsString());
        assertEquals("trained 3 steps\n", stdout(1));
    }

    @Test
    void aMatrixShowsAsATableWithItsShape() {
        JsonObject data = outputs(2, "execute_result").get(0).getAsJsonObject("data");
        assertTrue(data.get("text/html").getAsString().contains("<b>W</b> shape <b>(2, 2)</b>"));
    }

    @Test
    void theFailingCellsShowTheirErrorsAndTheNotebookGoesOn() {
        JsonObject compile = outputs(3, "error").get(0);
        assertEquals("CompilationException", compile.get("ename").getAsString());
        assertEquals("line 1, column 12: incompatible types: int cannot be converted to java.lang.String",
                compile.get("evalue").getAsString());
        JsonObject runtime = outputs(4, "error").get(0);
        assertEquals("ArrayIndexOutOfBoundsException", runtime.get("ename").getAsString());
        assertEquals("Index 5 out of bounds for length 2", runtime.get("evalue").getAsString());
        assertEquals("still running after (2, 2)\n", stdout(5));
    }
}
