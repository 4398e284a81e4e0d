package shapeprop.viz;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import tech.tablesaw.api.DoubleColumn;
import tech.tablesaw.api.Table;
import tech.tablesaw.plotly.components.Figure;
import tech.tablesaw.plotly.components.Layout;
import tech.tablesaw.plotly.traces.ScatterTrace;

/** What the kernel gets for each value: a mime bundle, with plotly.js sent once per session. */
class NotebookHtmlTest {

    private static Plot plot(String title) {
        return Plot.builder(title).add(PlotTrace.line("loss", new double[] {1, 2, 3}, new double[] {3, 2, 1.5},
                Palette.series(0))).xAxis("epoch").yAxis("loss").build();
    }

    @Test
    void onlyTheFirstFigureOfASessionCarriesPlotlyJs() throws Exception {
        NotebookHtml session = new NotebookHtml();
        Map<String, String> first = session.render(plot("first")).orElseThrow();
        Map<String, String> second = session.render(plot("second")).orElseThrow();
        assertEquals(List.of("text/plain", "text/html", "image/png"), List.copyOf(first.keySet()));
        assertTrue(first.get("text/html").contains("DecompressionStream"), "the loader is in the first figure");
        assertFalse(second.get("text/html").contains("DecompressionStream"), "later figures wait for it");
        assertTrue(second.get("text/html").length() < 100_000, "a later figure is small: "
                + second.get("text/html").length());
        assertTrue(first.get("text/html").length() < 3_000_000, "plotly.js compressed: " + first.get("text/html").length());
        assertTrue(second.get("text/html").contains("window.addEventListener('shapeprop:plotly', draw"));
        assertFalse(second.get("text/html").contains("require("), "no RequireJS");
        assertFalse(second.get("text/html").contains("cdn"), "no CDN");

        session.embedLibraryAgain();
        assertTrue(session.render(plot("third")).orElseThrow().get("text/html").contains("DecompressionStream"));
    }

    @Test
    void reRunningTheCellThatCarriedPlotlyJsCarriesItAgain() {
        NotebookHtml session = new NotebookHtml();
        session.cellStarted("cell-a");
        assertTrue(carries(session.render(plot("a"))), "the session's first figure");
        session.cellStarted("cell-b");
        assertFalse(carries(session.render(plot("b"))), "another cell's figure waits for it");
        session.cellStarted("cell-b");
        assertFalse(carries(session.render(plot("b again"))), "re-running another cell changes nothing");
        session.cellStarted("cell-a");
        assertTrue(carries(session.render(plot("a again"))), "cell-a's output with the library is replaced");
        assertFalse(carries(session.render(plot("a, second figure"))), "once per run of the cell");
        session.cellStarted("cell-b");
        assertFalse(carries(session.render(plot("b"))));
    }

    @Test
    void aReRunCarrierWithoutFiguresHandsTheLibraryToTheNextFigure() {
        NotebookHtml session = new NotebookHtml();
        session.cellStarted("cell-a");
        session.render(plot("a"));
        session.cellStarted("cell-a");   // edited: no figure any more
        session.cellStarted("cell-c");
        assertTrue(carries(session.render(plot("c"))));
    }

    private static boolean carries(Optional<Map<String, String>> bundle) {
        return bundle.orElseThrow().get("text/html").contains("DecompressionStream");
    }

    @Test
    void theStaticImageIsAPngOfTheFigureSizeAlsoInsideTheHtml() throws Exception {
        Map<String, String> bundle = new NotebookHtml().render(plot("loss")).orElseThrow();
        BufferedImage png = ImageIO.read(new ByteArrayInputStream(Base64.getDecoder().decode(bundle.get("image/png"))));
        assertEquals(720, png.getWidth());
        assertEquals(440, png.getHeight());
        assertTrue(bundle.get("text/html").contains("<img class=\"shapeprop-static\" alt=\"loss (static image: the"
                + " interactive plot needs JavaScript)\" src=\"data:image/png;base64," + bundle.get("image/png")));
        assertEquals("Plot 'loss': scatter 'loss' (3 points); x: epoch, y: loss", bundle.get("text/plain"));
    }

    @Test
    void tablesRenderAsHtmlAndAsTheirPrintedText() {
        Table t = Table.create("losses", DoubleColumn.create("loss", 0.5, 0.25));
        Map<String, String> bundle = new NotebookHtml().render(t).orElseThrow();
        assertEquals(t.print(), bundle.get("text/plain"));
        assertTrue(bundle.get("text/html").startsWith("<table class=\"shapeprop-table\""));
    }

    @Test
    void tablesawFiguresAreUpgradedToPlotly3AndDrawnOffline() {
        Figure figure = new Figure(Layout.builder("From Tablesaw").build(),
                ScatterTrace.builder(new double[] {1, 2}, new double[] {3, 4}).build());
        Map<String, String> bundle = new NotebookHtml().render(figure).orElseThrow();
        String html = bundle.get("text/html");
        assertTrue(html.contains("o.title = {text: o.title}"), "string titles become plotly.js 3 title objects");
        assertTrue(html.contains("Plotly.newPlot"));
        assertFalse(html.contains("cdn.plot.ly"));
        assertEquals("Tablesaw figure 'From Tablesaw' with 1 traces", bundle.get("text/plain"));
    }

    @Test
    void everyAdvertisedTypeHasAView() {
        Map<Class<?>, Object> examples = new java.util.LinkedHashMap<>();
        examples.put(Plot.class, plot("p"));
        examples.put(Figure.class, new Figure(ScatterTrace.builder(new double[] {1}, new double[] {1}).build()));
        examples.put(Table.class, Table.create("t"));
        examples.put(shapeprop.nn.Trace.class, shapeprop.nn.Trace.EMPTY);
        examples.put(shapeprop.nn.GradientCheck.Report.class, new shapeprop.nn.GradientCheck.Report(List.of()));
        examples.put(shapeprop.nn.History.class, new shapeprop.nn.History());
        examples.put(ConfusionMatrix.class, ConfusionMatrix.of(new int[] {0}, new int[] {0}, 1));
        examples.put(shapeprop.data.Dataset.class, shapeprop.data.Moons.generate(4, 0.1, 0));
        examples.put(LiveProgress.class, LiveProgress.of(1, 10, 5));
        examples.put(ProgressView.class, LiveProgress.of(1, 10, 5).view());
        assertEquals(NotebookHtml.TYPES, List.copyOf(examples.keySet()));
        NotebookHtml session = new NotebookHtml();
        examples.forEach((type, value) -> {
            Map<String, String> bundle = session.render(value).orElseThrow();
            assertTrue(bundle.get("text/html").length() > 0, type.getName());
            assertTrue(bundle.get("text/plain").length() > 0, type.getName());
        });
    }

    @Test
    void valuesWithoutARichViewAreLeftToTheKernel() {
        assertEquals(Optional.empty(), new NotebookHtml().render("just a string"));
    }
}
