package shapeprop.viz;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicBoolean;
import shapeprop.data.Dataset;
import shapeprop.nn.GradientCheck;
import shapeprop.nn.History;
import shapeprop.nn.Trace;
import tech.tablesaw.api.Table;

/**
 * The rich output of ShapeProp's objects in a notebook, as Jupyter mime bundles (mime type → data). The
 * kernel keeps one instance per session and asks it for every value it displays:
 * <pre>{@code
 * NotebookHtml html = new NotebookHtml();
 * Optional<Map<String, String>> bundle = html.render(value);   // empty: not ours, use toString()
 * }</pre>
 *
 * <table>
 *   <caption>What renders how</caption>
 *   <tr><th>value</th><th>text/html</th><th>also</th></tr>
 *   <tr><td>{@link Plot}, Tablesaw {@code Figure}</td><td>interactive Plotly figure</td>
 *       <td>image/png (a Plot's static image), text/plain</td></tr>
 *   <tr><td>Tablesaw {@code Table}, {@link Trace}, {@link GradientCheck.Report}, {@link History},
 *       {@link ConfusionMatrix}, {@link Dataset}</td><td>styled table</td><td>text/plain (the printed table)</td></tr>
 *   <tr><td>{@link ProgressView}, {@link LiveProgress}</td><td>progress bar and loss curve</td>
 *       <td>text/plain (one line)</td></tr>
 * </table>
 *
 * <p>plotly.js travels inside the first figure's output of the session only (about 2.5 MB); later
 * figures wait for it. Exported HTML and reopened notebooks render outputs in order, so the first figure
 * brings the library for all. When the cell that carried it runs again, its old output (and the library with
 * it) is replaced: a kernel that reports each cell it runs ({@link #cellStarted(String)}, with the
 * {@code cellId} JupyterLab and Notebook 7 put in an execute request's metadata) gets the library into the
 * next figure again, so a saved notebook still carries it once. Without that, {@link #embedLibraryAgain()}
 * does it by hand; where the library is missing, figures show their static image.
 */
public final class NotebookHtml {

    /** The types {@link #render} has a view of, for a kernel's renderer registry (subtypes render too). */
    public static final List<Class<?>> TYPES = List.of(Plot.class, tech.tablesaw.plotly.components.Figure.class,
            Table.class, Trace.class, GradientCheck.Report.class, History.class, ConfusionMatrix.class,
            Dataset.class, LiveProgress.class, ProgressView.class);

    private final AtomicBoolean libraryEmbedded = new AtomicBoolean();
    /** The cell running now, and the cell whose output carries plotly.js (null when unknown). */
    private volatile String currentCell;
    private volatile String carrierCell;

    public NotebookHtml() {
    }

    /** The mime bundle of {@code value}, or empty when ShapeProp has no rich view of it. */
    public Optional<Map<String, String>> render(Object value) {
        if (value instanceof Plot plot) {
            String png = PlotImage.base64(plot);
            return bundle(plot.toString(), PlotHtml.of(plot, png, takeLibrary()), png);
        }
        if (value instanceof tech.tablesaw.plotly.components.Figure figure) {
            String title = figure.getLayout() == null ? null : figure.getLayout().getTitle();
            return bundle("Tablesaw figure" + (title == null ? "" : " '" + title + "'") + " with "
                    + figure.getTraces().length + " traces", PlotHtml.of(figure, takeLibrary()), null);
        }
        if (value instanceof Table table) {
            return table(table, table.print());
        }
        if (value instanceof Trace trace) {
            return table(TraceTable.of(trace), trace.toString());
        }
        if (value instanceof GradientCheck.Report report) {
            return table(GradientCheckTable.of(report), report.toString());
        }
        if (value instanceof History history) {
            return table(HistoryTable.of(history), history.toString());
        }
        if (value instanceof ConfusionMatrix cm) {
            return table(cm.table(), cm.toString());
        }
        if (value instanceof Dataset data) {
            return bundle(data.toString(), TableHtml.render(DatasetSummary.of(data))
                    + TableHtml.render(DatasetSummary.classes(data)), null);
        }
        if (value instanceof LiveProgress progress) {
            return render(progress.view());
        }
        if (value instanceof ProgressView view) {
            return bundle(view.toString(), view.html(), null);
        }
        return Optional.empty();
    }

    /** Whether a figure of this session has already carried plotly.js. */
    public boolean libraryEmbedded() {
        return libraryEmbedded.get();
    }

    /** The next figure carries plotly.js again (after the output that carried it was cleared or re-run). */
    public void embedLibraryAgain() {
        libraryEmbedded.set(false);
    }

    /**
     * A cell starts running; {@code cellId} is the notebook's id of the cell (null when the client sends
     * none). If it is the cell whose output carried plotly.js, that output is about to be replaced, so the
     * next figure (of this cell or a later one) carries the library again.
     */
    public void cellStarted(String cellId) {
        currentCell = cellId;
        if (cellId != null && cellId.equals(carrierCell)) {
            carrierCell = null;
            libraryEmbedded.set(false);
        }
    }

    private boolean takeLibrary() {
        if (libraryEmbedded.compareAndSet(false, true)) {
            carrierCell = currentCell;
            return true;
        }
        return false;
    }

    private static Optional<Map<String, String>> table(Table table, String text) {
        return bundle(text, TableHtml.render(table), null);
    }

    private static Optional<Map<String, String>> bundle(String text, String html, String png) {
        Map<String, String> b = new LinkedHashMap<>();
        b.put("text/plain", text);
        b.put("text/html", html);
        if (png != null) {
            b.put("image/png", png);
        }
        return Optional.of(b);
    }

    @Override
    public String toString() {
        return "NotebookHtml (plotly.js " + PlotlyJs.version() + (libraryEmbedded() ? " already sent" : " not yet sent")
                + " this session)";
    }
}
