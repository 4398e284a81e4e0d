package shapeprop.viz;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;
import shapeprop.data.Dataset;
import shapeprop.data.Moons;
import shapeprop.data.Samples;
import shapeprop.matrix.Matrix;
import shapeprop.matrix.Shape;
import shapeprop.nn.Activation;
import shapeprop.nn.GradientCheck;
import shapeprop.nn.Loss;
import shapeprop.nn.Network;
import shapeprop.nn.Trace;
import tech.tablesaw.api.Table;

/** Traces, gradient checks and datasets as tables: the same text in a terminal and in a notebook. */
class TablesTest {

    @Test
    void aTraceBecomesOneRowPerOperationWithTheGradientCheckInTheLastColumn() {
        Dataset moons = Moons.generate(8, 0.1, 0);
        Network net = Network.builder(2).dense(3, Activation.TANH).dense(1, Activation.SIGMOID)
                .loss(Loss.BINARY_CROSS_ENTROPY).build().tracing(true);
        net.forward(moons.x(Samples.COLUMNS));
        net.backward(moons.y(Samples.COLUMNS));
        Trace trace = net.trace();
        Table table = TraceTable.of(trace);
        assertEquals(List.of("phase", "layer", "equation", "operands", "result", "check"), table.columnNames());
        assertEquals(trace.steps().size(), table.rowCount());
        int row = -1;
        for (int i = 0; i < trace.steps().size(); i++) {
            if ("W1".equals(trace.steps().get(i).parameter())) {
                row = i;
            }
        }
        assertTrue(row >= 0, "the backward pass computes dW1");
        assertEquals("backward", table.getString(row, "phase"));
        assertEquals("(3, 2)", table.getString(row, "result"));
        assertEquals("= W1 (3, 2) ✓", table.getString(row, "check"));
        String html = TableHtml.render(table);
        assertTrue(html.contains("color:" + Palette.GOOD + ";font-weight:600\">= W1 (3, 2) ✓</td>"), html);
    }

    @Test
    void aWrongGradientShapeIsMarkedRedInTheNotebook() {
        Trace trace = new Trace(List.of(new Trace.Step("backward", 1, "db1 = sum(dZ1, axis=0) / m", "(3, 8)",
                Shape.of(1, 8), "", "b1", Shape.of(3, 1), false)));
        Table table = TraceTable.of(trace);
        assertEquals("Trace: a gradient has the wrong shape ✗", table.name());
        assertEquals("≠ b1 (3, 1) ✗", table.getString(0, "check"));
        assertTrue(TableHtml.render(table).contains("color:" + Palette.BAD + ";font-weight:600\">≠ b1 (3, 1) ✗"));
    }

    @Test
    void aGradientCheckTableHasOneRowPerParameterWithItsVerdict() {
        Dataset moons = Moons.generate(10, 0.1, 0);
        Network net = Network.builder(2).dense(3, Activation.TANH).dense(1, Activation.SIGMOID)
                .loss(Loss.BINARY_CROSS_ENTROPY).build();
        GradientCheck.Report report = GradientCheck.of(net, moons.x(Samples.COLUMNS), moons.y(Samples.COLUMNS));
        Table table = GradientCheckTable.of(report);
        assertEquals("Gradient check: every gradient matches ✓", table.name());
        assertEquals(List.of("parameter", "shape", "max |diff|", "relative error", "verdict", "entries checked",
                "explanation"), table.columnNames());
        assertEquals(List.of("W1", "b1", "W2", "b2"), table.stringColumn("parameter").asList());
        assertEquals("(3, 2)", table.getString(0, "shape"));
        assertEquals("✓ ok", table.getString(0, "verdict"));
        double rel = report.row("W1").relativeError();
        assertEquals(String.format(java.util.Locale.ROOT, "%.2e", rel), table.getString(0, "relative error"));
    }

    @Test
    void aWrongGradientIsNamedInTheTitleAndColoured() {
        GradientCheck.Report report = new GradientCheck.Report(List.of(
                new GradientCheck.Row("W1", Shape.of(3, 2), 0.2, 0.4, GradientCheck.Verdict.WRONG,
                        "dW1 is not the gradient of the loss", 6),
                new GradientCheck.Row("b1", Shape.of(3, 1), 1e-11, 1e-9, GradientCheck.Verdict.OK, "matches", 3)));
        Table table = GradientCheckTable.of(report);
        assertEquals("Gradient check: [W1] does not match ✗", table.name());
        assertEquals("✗ wrong", table.getString(0, "verdict"));
        String html = TableHtml.render(table);
        assertTrue(html.contains("color:" + Palette.BAD + ";font-weight:600\">✗ wrong</td>"), html);
        assertTrue(html.contains("color:" + Palette.GOOD + ";font-weight:600\">✓ ok</td>"), html);
    }

    @Test
    void aSuspiciousGradientIsNotCalledWrong() {
        GradientCheck.Row kink = new GradientCheck.Row("w", Shape.of(1, 1), 6e-6, 8e-6, GradientCheck.Verdict.SUSPICIOUS,
                "dw nearly matches", 1);
        GradientCheck.Row ok = new GradientCheck.Row("c", Shape.of(1, 1), 1e-11, 1e-11, GradientCheck.Verdict.OK, "ok", 1);
        GradientCheck.Row bad = new GradientCheck.Row("W1", Shape.of(3, 2), 0.2, 0.4, GradientCheck.Verdict.WRONG, "no", 6);
        assertEquals("Gradient check: [w] is suspicious: look closer ?",
                GradientCheckTable.of(new GradientCheck.Report(List.of(kink, ok))).name());
        assertEquals("Gradient check: [W1] does not match ✗; [w] suspicious",
                GradientCheckTable.of(new GradientCheck.Report(List.of(bad, kink))).name());
        assertEquals("Gradient check: [W1, W1] do not match ✗",
                GradientCheckTable.of(new GradientCheck.Report(List.of(bad, bad))).name());
    }

    @Test
    void aLongExplanationWrapsInsteadOfRunningOffTheNotebook() {
        String why = "dW1 does not match: the analytic gradient is missing the chain rule or an activation"
                + " derivative; carry dZ back from the loss through every layer above.";
        GradientCheck.Report report = new GradientCheck.Report(List.of(
                new GradientCheck.Row("W1", Shape.of(3, 2), 0.2, 0.4, GradientCheck.Verdict.WRONG, why, 6)));
        String html = TableHtml.render(GradientCheckTable.of(report));
        assertTrue(html.contains("white-space:normal;min-width:22em;max-width:44em;text-align:left\">" + why + "</td>"),
                html);
        assertTrue(html.contains("white-space:nowrap;text-align:left\">W1</td>"), "short columns stay on one line: " + html);
    }

    @Test
    void aDatasetSummaryShowsSizesRangesAndClassBalance() {
        Dataset d = Dataset.of("tiny", Matrix.of(new double[][] {{0, 1}, {0.5, 0.5}, {1, 0}}), new int[] {0, 1, 1}, 2);
        Table t = DatasetSummary.of(d);
        assertEquals(List.of("dataset", "samples", "features", "classes", "feature min", "feature max",
                "feature mean", "smallest class", "largest class"), t.columnNames());
        assertEquals(3, t.intColumn("samples").get(0));
        assertEquals(0.5, t.doubleColumn("feature mean").get(0), 1e-12);
        assertEquals("0 (1)", t.getString(0, "smallest class"));
        assertEquals("1 (2)", t.getString(0, "largest class"));
        Table classes = DatasetSummary.classes(d);
        assertEquals("66.7%", classes.getString(1, "share"));
    }

    @Test
    void longTablesShowTheirEndsInTheNotebook() {
        Table t = Table.create("steps", tech.tablesaw.api.IntColumn.create("step",
                java.util.stream.IntStream.range(0, 100).toArray()));
        String html = TableHtml.render(t);
        assertTrue(html.contains("… 60 more rows …"), html);
        assertTrue(html.contains(">19</td>") && html.contains(">80</td>") && !html.contains(">50</td>"));
        assertTrue(html.contains("(100 rows)"));
    }
}
