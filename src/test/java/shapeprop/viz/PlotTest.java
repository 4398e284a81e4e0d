package shapeprop.viz;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

class PlotTest {

    private final Plot loss = Plot.builder("Loss")
            .add(PlotTrace.line("train loss", new double[] {1, 2, 3}, new double[] {0.9, 0.5, Double.NaN}, "#1f77b4"))
            .xAxis("epoch").yAxis("loss").logY().annotate(2, 0.5, "</script> & more", "red").build();

    @Test
    void aPlotKnowsItsTracesAxesAndAnnotations() {
        assertEquals("Loss", loss.title());
        assertEquals("epoch", loss.axisTitle("xaxis"));
        assertEquals("loss", loss.axisTitle("yaxis"));
        assertTrue(loss.isLog("yaxis"));
        assertFalse(loss.isLog("xaxis"));
        assertEquals(List.of("</script> & more"), loss.annotationTexts());
        assertEquals("scatter", loss.trace("train loss").type());
        assertEquals("Plot 'Loss': scatter 'train loss' (3 points); x: epoch, y: loss (log)", loss.toString());
    }

    @Test
    void askingForAMissingTraceListsTheTracesThereAre() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> loss.trace("test loss"));
        assertEquals("Plot 'Loss' has no trace named 'test loss'; its traces are [train loss].", e.getMessage());
    }

    @Test
    void jsonUsesPlotly3TitlesTurnsNaNIntoGapsAndCannotCloseTheScriptElement() {
        String json = loss.toJson();
        assertTrue(json.startsWith("{\"data\":[{\"type\":\"scatter\",\"name\":\"train loss\",\"x\":[1,2,3],"
                + "\"y\":[0.9,0.5,null]"), json);
        assertTrue(json.contains("\"title\":{\"text\":\"Loss\",\"x\":0,\"xref\":\"paper\",\"xanchor\":\"left\","
                + "\"y\":1,\"yref\":\"paper\",\"yanchor\":\"bottom\""), "above the plot area, below the tool bar: " + json);
        assertTrue(json.contains("\"xaxis\":{\"title\":{\"text\":\"epoch\"}}"), json);
        assertTrue(json.contains("\"yaxis\":{\"title\":{\"text\":\"loss\"},\"type\":\"log\"}"), json);
        assertTrue(json.contains("\"\\u003c/script\\u003e \\u0026 more\""), json);
        assertFalse(json.contains("</script>"));
    }

    @Test
    void numbersKeepSixSignificantDigits() {
        assertEquals("[0.333333,1.23457e-7,-2.5,100000,null,null]", Json.write(new double[] {1.0 / 3, 1.234567e-7,
                -2.5, 1e5, Double.POSITIVE_INFINITY, Double.NaN}));
    }

    @Test
    void aLineNeedsOneYPerX() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> PlotTrace.line("bad", new double[] {1, 2, 3}, new double[] {4, 5}, "#000000"));
        assertEquals("PlotTrace.line 'bad': x has 3 values but y has 2; give one y per x (the same number of points"
                + " in both).", e.getMessage());
        e = assertThrows(IllegalArgumentException.class,
                () -> PlotTrace.markers("dots", new double[] {1}, new double[] {4, 5}, "#000000"));
        assertTrue(e.getMessage().startsWith("PlotTrace.markers 'dots': x has 1 values but y has 2"), e.getMessage());
    }
}
