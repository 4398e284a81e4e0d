package shapeprop.kernel.display;

import org.junit.jupiter.api.Test;
import shapeprop.matrix.Matrix;
import tech.tablesaw.api.DoubleColumn;
import tech.tablesaw.api.StringColumn;
import tech.tablesaw.api.Table;

import javax.imageio.ImageIO;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.util.Base64;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class RenderersTest {

    private static int count(String haystack, String needle) {
        return haystack.split(java.util.regex.Pattern.quote(needle), -1).length - 1;
    }

    @Test
    void reRunningTheCellWhoseFigureCarriedPlotlyJsSendsTheLibraryAgain() {
        Renderers session = DefaultRenderers.install(new Renderers());
        session.cellStarted("cell-a");
        assertTrue(carriesPlotlyJs(session.render(figure("a"))), "the session's first figure carries plotly.js");
        session.cellStarted("cell-b");
        assertFalse(carriesPlotlyJs(session.render(figure("b"))), "later figures use it");
        session.cellStarted("cell-a");
        assertTrue(carriesPlotlyJs(session.render(figure("a again"))),
                "the output that carried it is being replaced, so the re-run cell's figure carries it");
    }

    private static shapeprop.viz.Plot figure(String title) {
        return shapeprop.viz.Plot.builder(title).add(shapeprop.viz.PlotTrace.line("loss", new double[] {0, 1, 2},
                new double[] {3, 2, 1}, shapeprop.viz.Palette.series(0))).build();
    }

    private static boolean carriesPlotlyJs(MimeBundle bundle) {
        return ((String) bundle.get("text/html")).contains("DecompressionStream");
    }

    @Test
    void aMatrixShowsAsTextAndAsATableCaptionedWithItsShape() {
        Matrix w = Matrix.of(2, 3, 1, 2, 3, 4, 5, 6.5).named("W1");
        MimeBundle b = Renderers.global().render(w);
        assertEquals(w.toString(), b.get("text/plain"));
        String html = (String) b.get("text/html");
        assertTrue(html.contains("<caption") && html.contains("<b>W1</b> shape <b>(2, 3)</b>"), html);
        assertEquals(2, count(html, "<tr><th>") - 1, "two body rows under the header row");
        assertTrue(html.contains("<td>6.5000</td>"), html);
    }

    @Test
    void aLargeMatrixShowsItsEdgesWithEllipses() {
        Matrix big = Matrix.zeros(784, 128);
        String html = (String) Renderers.global().render(big).get("text/html");
        assertEquals(2 * MatrixHtml.EDGE + 1, count(html, "<tr><th>") - 1, "5 first rows, a ⋮ row, 5 last rows");
        assertTrue(html.contains("<th>783</th>") && html.contains("<th>127</th>") && html.contains("⋮") && html.contains("…"));
        assertTrue(html.contains("(784, 128)"));
    }

    private static Table losses() {
        return Table.create("losses", StringColumn.create("layer", "dense1", "dense2"),
                DoubleColumn.create("loss", 0.5, 0.25));
    }

    @Test
    void aTablesawTableShowsAsAnHtmlTable() {
        String html = (String) Renderers.global().render(losses()).get("text/html");
        assertTrue(html.contains("<table") && html.contains("layer") && html.contains("dense2"), html);
    }

    @Test
    void shapepropsVizViewsAreRegisteredForTheirTypes() {
        for (Class<?> type : shapeprop.viz.NotebookHtml.TYPES) {
            assertTrue(Renderers.global().exact(type) != null, type + " has no renderer");
        }
    }

    @Test
    void aForwardPassTraceShowsAsAnHtmlTableOfEquationsAndShapes() {
        shapeprop.nn.Network net = shapeprop.nn.Network.builder(3).dense(4, shapeprop.nn.Activation.SIGMOID)
                .dense(1, shapeprop.nn.Activation.SIGMOID).loss(shapeprop.nn.Loss.BINARY_CROSS_ENTROPY).seed(0).build();
        net.tracing(true);
        net.forward(Matrix.zeros(3, 5));
        MimeBundle b = Renderers.global().render(net.trace());
        String html = (String) b.get("text/html");
        assertTrue(html.contains("<table") && html.contains("(4, 3)") && html.contains("(4, 5)"), html);
        assertTrue(((String) b.get("text/plain")).contains("(4, 3)"), b.get("text/plain").toString());
    }

    @Test
    void theKernelsOwnTableViewNamesTheSize() {
        String html = TablesawHtml.html(losses());
        assertTrue(html.contains("<b>losses</b> 2 rows × 2 columns"), html);
        assertTrue(html.contains("<th>layer</th>") && html.contains("<td>dense2</td>"), html);
    }

    @Test
    void anImageShowsAsPngThatDecodesToTheSameSize() throws IOException {
        BufferedImage img = new BufferedImage(28, 28, BufferedImage.TYPE_INT_RGB);
        MimeBundle b = Renderers.global().render(img);
        byte[] png = Base64.getDecoder().decode((String) b.get("image/png"));
        BufferedImage back = ImageIO.read(new ByteArrayInputStream(png));
        assertEquals(28, back.getWidth());
        assertEquals(28, back.getHeight());
    }

    @Test
    void latexAndMarkdownHelpersCarryTheirMimeTypes() {
        assertEquals("$$\\frac{1}{m}$$", Display.render(Display.latex("\\frac{1}{m}")).get("text/latex"));
        assertEquals("**bold**", Display.render(Display.markdown("**bold**")).get("text/markdown"));
        MimeBundle onlyHtml = Display.render(Matrix.eye(2), "text/html");
        assertEquals(java.util.Set.of("text/html"), onlyHtml.mimeTypes());
    }

    @Test
    void aStringDisplayedAsATextFormatIsThatFormat() {
        // as IJava notebooks write it: var id = display("Markdown *test*", "text/markdown"); updateDisplay(id, html, "text/html")
        MimeBundle md = Display.render("Markdown *test*:\n* bullet 1", "text/markdown");
        assertEquals(java.util.Map.of("text/markdown", "Markdown *test*:\n* bullet 1"), md.data());
        MimeBundle both = Display.render("<b>x</b>", "text/html", "text/plain");
        assertEquals(java.util.Map.of("text/html", "<b>x</b>", "text/plain", "<b>x</b>"), both.data());
        assertEquals("<svg/>", Display.render("<svg/>", "image/svg+xml").get("image/svg+xml"));
    }

    @Test
    void askingForRepresentationsAValueLacksShowsItsTextNotAnEmptyOutput() {
        // IJava's renderAs keeps text/plain whatever is asked for; an output with no data shows nothing at all
        assertEquals(java.util.Map.of("text/plain", Matrix.eye(2).toString()),
                Display.render(Matrix.eye(2), "image/png").data());
        assertEquals(java.util.Map.of("text/plain", "aGk="), Display.render("aGk=", "image/png").data(),
                "a String is not taken for an image's bytes");
        assertTrue(Display.render(new MimeBundle(), "text/html").mimeTypes().isEmpty(), "an empty bundle stays empty");
    }

    @Test
    void aHelperGivenNullSaysWhatToGiveItInstead() {
        assertEquals("html(null): there is nothing to show. Give it the text as a String, e.g. "
                + "html(\"<b>loss</b> falls\"); html(\"\") shows nothing.", refused(() -> Display.html(null)));
        assertEquals("markdown(null): there is nothing to show. Give it the text as a String, e.g. "
                + "markdown(\"**loss** falls\"); markdown(\"\") shows nothing.", refused(() -> Display.markdown(null)));
        assertEquals("latex(null): there is nothing to show. Give it the text as a String, e.g. "
                + "latex(\"\\\\frac{1}{m}\"); latex(\"\") shows nothing.", refused(() -> Display.latex(null)));
        assertEquals("svg(null): there is nothing to show. Give it the text as a String, e.g. "
                + "svg(\"<svg width='10' height='10'/>\"); svg(\"\") shows nothing.", refused(() -> Display.svg(null)));
        assertEquals("", Display.render(Display.html("")).get("text/html"), "an empty string shows nothing");
    }

    private static String refused(org.junit.jupiter.api.function.Executable call) {
        return assertThrows(IllegalArgumentException.class, call).getMessage();
    }

    @Test
    void aRendererThatGivesNullShowsTheValuesTextAndSaysWhatWasNull() {
        Renderers r = new Renderers();
        r.registerMime(Base.class, "text/html", b -> null);
        MimeBundle b = r.render(new Base());
        assertFalse(b.has("text/html"), "no JSON null goes to the notebook");
        String text = (String) b.get("text/plain");
        assertTrue(text.startsWith("base\n(renderer for ") && text.contains("the text/html representation is null"),
                text);
    }

    static final class Nameless {
        @Override
        public String toString() {
            return null;
        }
    }

    @Test
    void aValueWhoseToStringIsNullShowsAsNull() {
        assertEquals("null", new Renderers().render(new Nameless()).get("text/plain"));
    }

    static class Base {
        @Override
        public String toString() {
            return "base";
        }
    }

    static final class Derived extends Base {
    }

    interface Shape {
    }

    record Square(int side) implements Shape {
    }

    public static final class Figure {
        public String toHtml() {
            return "<div>figure</div>";
        }
    }

    @Test
    void aRegisteredRendererAlsoShowsSubclassesAndInterfaceImplementations() {
        Renderers r = new Renderers();
        r.registerMime(Base.class, "text/html", b -> "<i>" + b + "</i>");
        r.registerMime(Shape.class, "text/html", s -> "<svg/>");
        assertEquals("<i>base</i>", r.render(new Derived()).get("text/html"));
        assertEquals("<svg/>", r.render(new Square(2)).get("text/html"));
    }

    @Test
    void aClassWithToHtmlNeedsNoRegistration() {
        MimeBundle b = new Renderers().render(new Figure());
        assertEquals("<div>figure</div>", b.get("text/html"));
    }

    @Test
    void aBrokenRendererStillShowsTheValueAndNamesTheFailure() {
        Renderers r = new Renderers();
        r.register(Base.class, b -> {
            throw new IllegalStateException("boom");
        });
        String text = (String) r.render(new Base()).get("text/plain");
        assertTrue(text.startsWith("base\n(renderer for ") && text.contains("boom"), text);
    }

    @Test
    void plainValuesKeepJShellsText() {
        MimeBundle b = new Renderers().render("abc", "\"abc\"");
        assertEquals("\"abc\"", b.get("text/plain"));
        assertFalse(b.has("text/html"));
    }

    /** A cyclic list whose toString() follows the cycle: the classic learner bug. */
    public static final class Loop {
        Loop next = this;

        @Override
        public String toString() {
            return "Loop->" + next;
        }

        public String toHtml() {
            return "<b>loop</b>";
        }
    }

    @Test
    void aToStringThatRecursesWithoutEndIsNamedNotThrown() {
        MimeBundle b = new Renderers().render(new Loop());
        assertEquals("<b>loop</b>", b.get("text/html"));
        assertEquals("Loop (toString failed: java.lang.StackOverflowError)", b.get("text/plain"));
    }
}
