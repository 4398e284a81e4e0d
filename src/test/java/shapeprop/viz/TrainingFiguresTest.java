package shapeprop.viz;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;
import shapeprop.data.Dataset;
import shapeprop.data.Moons;
import shapeprop.data.Samples;
import shapeprop.matrix.Matrix;
import shapeprop.nn.Activation;
import shapeprop.nn.History;
import shapeprop.nn.Layout;
import shapeprop.nn.Loss;
import shapeprop.nn.Network;
import tech.tablesaw.api.Table;
import tech.tablesaw.columns.numbers.NumberColumnFormatter;

/** A learner trains a small network on two moons and looks at its history, curves and decision boundary. */
class TrainingFiguresTest {

    private static final Dataset MOONS = Moons.generate(200, 0.2, 0);

    private static Network moonsNetwork(Layout layout) {
        return Network.builder(2).dense(16, Activation.TANH).dense(1, Activation.SIGMOID)
                .loss(Loss.BINARY_CROSS_ENTROPY).layout(layout).seed(1).build();
    }

    private static History train(Network net, int epochs) {
        Samples samples = Samples.valueOf(net.layout().name());
        return net.fit(MOONS.x(samples), MOONS.y(samples), epochs, 20, 0.5, 0, null);
    }

    @Test
    void historyTableHasOneRowPerEpochAndOneNormColumnPerParameter() {
        History history = train(moonsNetwork(Layout.COLUMNS), 12);
        Table table = HistoryTable.of(history);
        assertEquals(List.of("epoch", "step", "loss", "train accuracy", "‖dW1‖", "‖db1‖", "‖dW2‖", "‖db2‖",
                "total seconds"), table.columnNames(), "no test set, so no test accuracy column");
        assertEquals(12, table.rowCount());
        assertEquals(12, table.intColumn("epoch").get(11));
        assertEquals(120, table.intColumn("step").get(11), "200 samples in batches of 20: 10 steps per epoch");
        History.Entry last = history.last();
        assertEquals(last.gradientNorms().get("W1"), table.doubleColumn("‖dW1‖").get(11));
        assertEquals(String.format("%.2f%%", 100 * last.trainAccuracy()), table.getString(11, "train accuracy"));
    }

    @Test
    void historyTablePrintsGradientNormsAsNumpyDoes() {
        NumberColumnFormatter norms = HistoryTable.scientific();
        assertEquals("1.31e+00", norms.format(1.3125));
        assertEquals("8.58e-01", norms.format(0.8575));
        assertEquals("2.50e-12", norms.format(2.5e-12));
        assertEquals("NaN", norms.format(Double.NaN));
        assertEquals("inf", norms.format(Double.POSITIVE_INFINITY));
    }

    private static History diverging() {
        return new History(List.of(
                new History.Entry(1, 10, 0.5, 0.75, 0.7, java.util.Map.of("W1", 1.25), 0.5),
                new History.Entry(2, 20, Double.NaN, Double.NaN, Double.NaN, java.util.Map.of("W1", Double.NaN), 1.0),
                new History.Entry(3, 30, Double.POSITIVE_INFINITY, 0.5, 0.5,
                        java.util.Map.of("W1", Double.NEGATIVE_INFINITY), 1.5)));
    }

    @Test
    void divergenceIsPrintedAsNumpyPrintsItNeverAsABlankCell() {
        Table table = HistoryTable.of(diverging());
        assertEquals(List.of("0.5000", "NaN", "inf"), List.of(table.getString(0, "loss"), table.getString(1, "loss"),
                table.getString(2, "loss")));
        assertEquals("NaN", table.getString(1, "train accuracy"));
        assertEquals("NaN", table.getString(1, "‖dW1‖"));
        assertEquals("-inf", table.getString(2, "‖dW1‖"));
        assertTrue(TableHtml.render(table).contains(">inf</td>"));
    }

    @Test
    void largeLossesPrintInScientificNotationAsNumpyDoes() {
        History history = new History(List.of(
                new History.Entry(1, 10, 327922243.0253, 0.5, Double.NaN, java.util.Map.of(), 0.5),
                new History.Entry(2, 20, 1e300, 0.5, Double.NaN, java.util.Map.of(), 1.0),
                new History.Entry(3, 30, 0.0412, 0.5, Double.NaN, java.util.Map.of(), 1.5)));
        Table table = HistoryTable.of(history);
        assertEquals("3.2792e+08", table.getString(0, "loss"));
        assertEquals("1.0000e+300", table.getString(1, "loss"));
        assertEquals("0.0412", table.getString(2, "loss"));
        assertTrue(history.toString().contains("3.2792e+08"), history.toString());
    }

    @Test
    void aDivergedLossCurveSaysWhereItStopped() {
        Plot loss = TrainingCurves.loss(diverging());
        assertEquals("Loss per epoch — loss is NaN from epoch 2: training diverged", loss.title());
        assertEquals(List.of(0.5, 3.5), ((java.util.Map<?, ?>) loss.layout().get("xaxis")).get("range"),
                "every epoch stays on the axis");
        assertEquals("Gradient norm per parameter (log scale) — ‖dW1‖ is NaN from epoch 2: training diverged",
                TrainingCurves.gradientNorms(diverging()).title());
        assertEquals("Accuracy per epoch", TrainingCurves.accuracy(train(moonsNetwork(Layout.COLUMNS), 2)).title());
    }

    @Test
    void lossAndAccuracyCurvesFollowTheHistory() {
        History history = train(moonsNetwork(Layout.COLUMNS), 12);
        Plot loss = TrainingCurves.loss(history);
        assertEquals("epoch", loss.axisTitle("xaxis"));
        assertEquals("loss", loss.axisTitle("yaxis"));
        assertArrayEquals(history.entries().stream().mapToDouble(History.Entry::loss).toArray(),
                loss.trace("train loss").doubles("y"));
        assertArrayEquals(new double[] {1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12}, loss.trace("train loss").doubles("x"));

        assertEquals("lines+markers", loss.trace("train loss").get("mode"), "12 epochs: a marker on each");
        assertEquals(1, ((java.util.Map<?, ?>) loss.layout().get("xaxis")).get("dtick"), "a tick on every epoch, none at 1.2");
        assertEquals("lines", TrainingCurves.loss(train(moonsNetwork(Layout.COLUMNS), 41)).trace("train loss")
                .get("mode"), "a long run: just the line");

        Plot accuracy = TrainingCurves.accuracy(history);
        assertEquals(List.of("train accuracy"), accuracy.traces().stream().map(PlotTrace::name).toList(),
                "a history without test accuracy draws no test curve");
    }

    @Test
    void accuracyCurvesShowTheTestSetWhenThereIsOne() {
        Network net = moonsNetwork(Layout.ROWS);
        Dataset test = Moons.generate(100, 0.2, 7);
        History history = net.fit(MOONS.x(Samples.ROWS), MOONS.y(Samples.ROWS), test.x(Samples.ROWS),
                test.y(Samples.ROWS), 5, 20, 0.5, 0, null);
        Plot accuracy = TrainingCurves.accuracy(history);
        assertEquals(List.of("train accuracy", "test accuracy"),
                accuracy.traces().stream().map(PlotTrace::name).toList());
        assertEquals(history.last().testAccuracy(), accuracy.trace("test accuracy").doubles("y")[4]);
        assertTrue(HistoryTable.of(history).columnNames().contains("test accuracy"));
    }

    @Test
    void gradientNormsArePlottedPerParameterOnALogAxis() {
        History history = train(moonsNetwork(Layout.COLUMNS), 6);
        Plot norms = TrainingCurves.gradientNorms(history);
        assertTrue(norms.isLog("yaxis"));
        assertEquals("‖dθ‖ (Frobenius)", norms.axisTitle("yaxis"));
        assertEquals(List.of("‖dW1‖", "‖db1‖", "‖dW2‖", "‖db2‖"), norms.traces().stream().map(PlotTrace::name).toList());
        assertEquals(history.entries().get(3).gradientNorms().get("W2"), norms.trace("‖dW2‖").doubles("y")[3]);
        assertEquals("dot", norms.trace("‖db1‖").path("line.dash"), "biases are dotted");
    }

    @Test
    void anInterruptInEpochOneLeavesFiguresThatSayThereAreNoFinishedEpochsYet() throws Exception {
        History none = new History();
        for (Plot plot : List.of(TrainingCurves.loss(none), TrainingCurves.accuracy(none),
                TrainingCurves.gradientNorms(none))) {
            assertEquals(List.of("no finished epochs yet: fit was interrupted in epoch 1, or has not run"),
                    plot.annotationTexts(), plot.title());
            assertTrue(plot.toJson().contains("\"xaxis\":{\"visible\":false"), "no axes from epoch -1 to 6: "
                    + plot.toJson());
            // the static image shows the note in the middle, not "no data"
            java.awt.image.BufferedImage png = PlotImage.draw(plot);
            int dark = 0;
            for (int x = 200; x < 520; x++) {
                for (int y = 200; y < 230; y++) {
                    dark += (png.getRGB(x, y) & 0xFF) < 160 ? 1 : 0;
                }
            }
            assertTrue(dark > 200, plot.title() + ": " + dark + " dark pixels where the note should be");
        }
        Table table = HistoryTable.of(none);
        assertTrue(table.print().startsWith("Training history: no finished epochs yet: fit was interrupted in"
                + " epoch 1, or has not run"), table.print());
        assertTrue(TableHtml.render(table).contains(">Training history: no finished epochs yet: fit was"
                + " interrupted in epoch 1, or has not run <span"), TableHtml.render(table));
    }

    private static History vanishing(double smallest) {
        List<History.Entry> entries = new java.util.ArrayList<>();
        for (int epoch = 1; epoch <= 5; epoch++) {
            // ‖dW1‖ sinks from 1e-20 to `smallest` while ‖dW2‖ stays about 1
            double w1 = Math.pow(10, -20 + (Math.log10(smallest) + 20) * (epoch - 1) / 4);
            entries.add(new History.Entry(epoch, 10 * epoch, 0.7, 0.5, Double.NaN,
                    new java.util.LinkedHashMap<>(java.util.Map.of("W1", w1, "W2", 1.3)), epoch));
        }
        return new History(entries);
    }

    @Test
    void aVanishingGradientGetsAFewReadableDecadeLabelsNotASmear() {
        assertEquals(1, ((java.util.Map<?, ?>) TrainingCurves.gradientNorms(train(moonsNetwork(Layout.COLUMNS), 3))
                .layout().get("yaxis")).get("dtick"), "a healthy run: a label every decade");
        for (double smallest : new double[] {1e-30, 1e-80, 1e-300}) {
            Plot norms = TrainingCurves.gradientNorms(vanishing(smallest));
            int dtick = (int) ((java.util.Map<?, ?>) norms.layout().get("yaxis")).get("dtick");
            double decades = 1 - Math.log10(smallest);
            assertTrue(decades / dtick <= Ticks.DECADE_LABELS + 1 && decades / dtick >= 4,
                    dtick + " decades per label for " + decades + " decades");
            double[] drawn = Ticks.log(smallest, 1.3);
            assertTrue(drawn.length >= 4 && drawn.length <= Ticks.DECADE_LABELS + 1,
                    drawn.length + " labels in the static image from " + smallest);
        }
        assertEquals(4, ((java.util.Map<?, ?>) TrainingCurves.gradientNorms(vanishing(1e-30)).layout().get("yaxis"))
                .get("dtick"), "1e-30 to 1e1: 31 decades, a label every 4");
    }

    @Test
    void decisionBoundaryShowsTheNetworksProbabilityOnAGridWithThePointsByClass() {
        Network net = moonsNetwork(Layout.COLUMNS);
        train(net, 40);
        Plot boundary = DecisionBoundary.of(net::output, MOONS);

        PlotTrace surface = boundary.trace("P(class 1)");
        double[][] z = surface.grid();
        assertEquals(DecisionBoundary.RESOLUTION, z.length);
        assertEquals(DecisionBoundary.RESOLUTION, z[0].length);
        double[] gx = surface.doubles("x");
        double[] gy = surface.doubles("y");
        // z[i][j] is the network's output at (x[j], y[i]), computed again here as a (2, 1) column
        for (int[] ij : new int[][] {{0, 0}, {17, 63}, {79, 40}}) {
            double expected = net.output(Matrix.column(gx[ij[1]], gy[ij[0]])).item();
            assertEquals(expected, z[ij[0]][ij[1]], 1e-12);
        }
        assertEquals(100, boundary.trace("class 0").doubles("x").length);
        assertEquals(100, boundary.trace("class 1").doubles("x").length);
        assertEquals("x₁", boundary.axisTitle("xaxis"));
        assertEquals("x₂", boundary.axisTitle("yaxis"));
        int right = 0;
        for (int i = 0; i < MOONS.size(); i++) {
            double p = net.output(MOONS.x(Samples.COLUMNS).sliceCols(i, i + 1)).item();
            right += (p >= 0.5 ? 1 : 0) == MOONS.labels()[i] ? 1 : 0;
        }
        assertEquals(String.format(java.util.Locale.ROOT, "Decision boundary: %.1f%% of 200 points right", right / 2.0),
                boundary.title());
    }

    @Test
    void onePointIsOnePoint() {
        Dataset one = MOONS.head(1);
        Plot boundary = DecisionBoundary.of(points -> Matrix.full(points.rows(), 1, one.label(0)), one);
        assertEquals("Decision boundary: 100.0% of 1 point right", boundary.title());
    }

    @Test
    void aClassifierThatSaysTheSameEverywhereIsRightForOneClassOnly() {
        Plot constant = DecisionBoundary.of(points -> Matrix.zeros(points.rows(), 1), MOONS);
        assertEquals("Decision boundary: 50.0% of 200 points right", constant.title());
    }

    @Test
    void shortRunsTickEveryEpochLongRunsARoundNumberOfThem() {
        assertEquals(1, TrainingCurves.epochTick(java.util.Collections.nCopies(5, null)));
        assertEquals(1, TrainingCurves.epochTick(java.util.Collections.nCopies(12, null)));
        assertEquals(2, TrainingCurves.epochTick(java.util.Collections.nCopies(20, null)));
        assertEquals(50, TrainingCurves.epochTick(java.util.Collections.nCopies(400, null)));
    }

    @Test
    void decisionBoundaryAcceptsAClassifierOfEitherLayout() {
        Network columns = moonsNetwork(Layout.COLUMNS);
        Network rows = columns.withLayout(Layout.ROWS); // the same function, transposed parameters
        double[][] a = DecisionBoundary.of(rows::output, MOONS).trace("P(class 1)").grid();
        double[][] b = DecisionBoundary.of(columns::output, MOONS).trace("P(class 1)").grid();
        assertEquals(a.length, b.length);
        assertEquals(a[10][20], b[10][20], 1e-9);
    }

    @Test
    void decisionBoundaryOfAMultiClassClassifierColoursThePredictedClass() {
        // three classes by angle around the origin, as probabilities (k, 3)
        Plot plot = DecisionBoundary.of(points -> Matrix.fromFunction(points.rows(), 3, (i, c) -> {
            double angle = Math.atan2(points.get(i, 1), points.get(i, 0)) + Math.PI;
            return c == Math.min(2, (int) (angle / (2 * Math.PI / 3))) ? 0.9 : 0.05;
        }), Matrix.of(new double[][] {{1, 1}, {-1, 0.5}, {0.2, -1}}), new int[] {0, 1, 2}, 3);
        PlotTrace surface = plot.trace("predicted class");
        assertEquals(List.of(0.0, 1.0, 2.0), java.util.Arrays.stream(surface.grid()).flatMapToDouble(
                java.util.Arrays::stream).distinct().sorted().boxed().toList());
        assertEquals(List.of("predicted class", "class 0", "class 1", "class 2"),
                plot.traces().stream().map(PlotTrace::name).toList());
    }

    @Test
    void decisionBoundaryExplainsAClassifierOfTheWrongInputSize() {
        Network threeInputs = Network.builder(3).dense(1, Activation.SIGMOID).loss(Loss.BINARY_CROSS_ENTROPY).build();
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> DecisionBoundary.of(threeInputs::output, MOONS));
        assertTrue(e.getMessage().startsWith("DecisionBoundary: the classifier accepts neither (6400, 2) nor"
                + " (2, 6400) points: "), e.getMessage());
    }
}
