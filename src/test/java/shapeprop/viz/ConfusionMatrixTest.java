package shapeprop.viz;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;
import tech.tablesaw.api.Table;

/** A learner compares predicted digits with the labels and sees which classes get confused. */
class ConfusionMatrixTest {

    //                                      0  0  0  1  1  1  1  2  2  2
    private static final int[] ACTUAL =    {0, 0, 0, 1, 1, 1, 1, 2, 2, 2};
    private static final int[] PREDICTED = {0, 0, 2, 1, 1, 2, 2, 2, 2, 0};
    private final ConfusionMatrix cm = ConfusionMatrix.of(ACTUAL, PREDICTED, 3);

    @Test
    void countsEachActualPredictedPair() {
        assertEquals(2, cm.count(0, 0));
        assertEquals(1, cm.count(0, 2));
        assertEquals(2, cm.count(1, 2));
        assertEquals(1, cm.count(2, 0));
        assertEquals(10, cm.total());
        assertEquals(0.6, cm.accuracy(), 1e-12);
        assertEquals(0.5, cm.classAccuracy(1), 1e-12);
        assertEquals(2, cm.mostConfusedWith(1));
    }

    @Test
    void tableHasActualRowsAndPredictedColumns() {
        Table t = cm.table();
        assertEquals(List.of("actual", "predicted 0", "predicted 1", "predicted 2"), t.columnNames());
        assertEquals(List.of(2, 0, 1), List.of(t.intColumn(1).get(0), t.intColumn(2).get(0), t.intColumn(3).get(0)));
        assertEquals(List.of(0, 2, 2), List.of(t.intColumn(1).get(1), t.intColumn(2).get(1), t.intColumn(3).get(1)));
    }

    @Test
    void perClassAccuracyNamesTheClassEachIsTakenFor() {
        Table t = cm.perClassAccuracy();
        assertEquals("Accuracy per class (overall 60.0%)", t.name());
        assertEquals(List.of("class", "samples", "correct", "accuracy", "most confused with"), t.columnNames());
        assertEquals("50.0%", t.getString(1, "accuracy"));
        assertEquals("2 (2×)", t.getString(1, "most confused with"));
        assertEquals(4, t.intColumn("samples").get(1));
    }

    @Test
    void heatmapShowsCountsWithActualDownAndPredictedAcross() {
        Plot heat = cm.heatmap();
        assertEquals("Confusion matrix: 60.0% of 10 right", heat.title());
        assertEquals("predicted class", heat.axisTitle("xaxis"));
        assertEquals("actual class", heat.axisTitle("yaxis"));
        double[][] z = heat.trace("count").grid();
        assertEquals(2.0, z[1][2], "row = actual 1, column = predicted 2");
        assertEquals(List.of("2", "1", "2", "2", "1", "2"), heat.annotationTexts(), "one label per non-empty cell");
    }

    @Test
    void mismatchedLengthsAndOutOfRangeLabelsAreExplained() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> ConfusionMatrix.of(new int[] {0, 1}, new int[] {0}, 2));
        assertTrue(e.getMessage().startsWith("ConfusionMatrix: 2 actual labels but 1 predictions"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> ConfusionMatrix.of(new int[] {0, 3}, new int[] {0, 1}, 3));
        assertEquals("ConfusionMatrix: actual class 3 of sample 1 is outside 0..2; pass the number of classes the"
                + " labels use.", e.getMessage());
    }

    @Test
    void noClassesAtAllIsExplainedNotANegativeArraySize() {
        for (int classes : new int[] {0, -1}) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                    () -> ConfusionMatrix.of(new int[] {0, 1}, new int[] {0, 1}, classes));
            assertEquals("ConfusionMatrix: " + classes + " classes; pass the number of classes the labels use, at"
                    + " least 1 (10 for MNIST digits 0..9, 2 for moons).", e.getMessage());
        }
    }

    @Test
    void aOneClassTableKeepsItsTitleOnOneLine() {
        String html = TableHtml.render(ConfusionMatrix.of(new int[] {0, 0}, new int[] {0, 0}, 1).table());
        assertTrue(html.contains("white-space:nowrap\">Confusion matrix (rows: actual, columns: predicted) <span"),
                html);
    }
}
