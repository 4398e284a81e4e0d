package shapeprop.nn;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** A learner reads what training did, also when it was interrupted before the first epoch ended. */
class HistoryTest {

    private static History.Entry epoch(int epoch, double loss) {
        return new History.Entry(epoch, 10 * epoch, loss, 0.9, Double.NaN, Map.of("W1", 0.5), epoch * 0.25);
    }

    @Test
    void lastIsTheLastFinishedEpoch() {
        History history = new History(List.of(epoch(1, 0.7), epoch(2, 0.4)));
        assertEquals(2, history.size());
        assertFalse(history.isEmpty());
        assertEquals(0.4, history.last().loss());
    }

    @Test
    void anInterruptInEpochOneLeavesAnEmptyHistoryThatSaysSo() {
        History none = new History();
        assertTrue(none.isEmpty());
        assertEquals(0, none.size());
        IllegalStateException e = assertThrows(IllegalStateException.class, none::last);
        assertEquals("History.last(): no finished epochs: fit was interrupted before the end of epoch 1 (or has not"
                + " run); check history.size() or history.isEmpty() before asking for the last epoch.", e.getMessage());
        assertEquals("(no finished epochs yet)\n", none.toString());
    }

    @Test
    void divergedNumbersPrintAsNumpyPrintsThem() {
        History history = new History(List.of(epoch(1, 0.5), epoch(2, Double.NaN), epoch(3, Double.POSITIVE_INFINITY),
                epoch(4, 1e300)));
        String printed = history.toString();
        assertTrue(printed.contains(" NaN ") && printed.contains(" inf ") && printed.contains(" 1.0000e+300 "), printed);
        assertFalse(printed.contains("Infinity"), printed);
        assertEquals("epoch 3, step 30: loss inf, train 90.00%, 0.75 s", epoch(3, Double.POSITIVE_INFINITY).toString());
        assertEquals("-inf", History.norm(Double.NEGATIVE_INFINITY));
        assertEquals("1.31e+00", History.norm(1.3125));
    }
}
