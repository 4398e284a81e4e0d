package shapeprop.nn;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * What training did, one {@link Entry} per epoch: the loss, the accuracies, how large each gradient was and
 * how long it took. Prints as a table (with decimal points whatever the default locale); plain data for plots.
 */
public final class History {

    /**
     * One epoch.
     *
     * @param epoch         1-based epoch
     * @param step          training steps (mini-batches) done so far
     * @param loss          mean loss over the epoch's batches (weighted by batch size)
     * @param trainAccuracy fraction of the epoch's training samples classified correctly as they were seen
     * @param testAccuracy  accuracy on the test set after the epoch, or NaN when no test set was given
     * @param gradientNorms ‖dθ‖ (Frobenius) of each parameter at the epoch's last step, ordered W1, b1, …
     * @param seconds       wall-clock seconds since training started
     */
    public record Entry(int epoch, int step, double loss, double trainAccuracy, double testAccuracy,
                        Map<String, Double> gradientNorms, double seconds) {

        public Entry {
            gradientNorms = Collections.unmodifiableMap(new LinkedHashMap<>(gradientNorms));
        }

        @Override
        public String toString() {
            return "epoch " + epoch + ", step " + step + ": loss " + number(loss)
                    + ", train " + percent(trainAccuracy)
                    + (Double.isNaN(testAccuracy) ? "" : ", test " + percent(testAccuracy))
                    + String.format(Locale.ROOT, ", %.2f s", seconds);
        }
    }

    private final List<Entry> entries = new ArrayList<>();

    public History() {
    }

    public History(List<Entry> entries) {
        this.entries.addAll(entries);
    }

    void add(Entry entry) {
        entries.add(entry);
    }

    public List<Entry> entries() {
        return Collections.unmodifiableList(entries);
    }

    /** Finished epochs. */
    public int size() {
        return entries.size();
    }

    /** True before the first epoch ends (what an interrupt in epoch 1 leaves). */
    public boolean isEmpty() {
        return entries.isEmpty();
    }

    /** The last finished epoch; throws when there is none yet. */
    public Entry last() {
        if (entries.isEmpty()) {
            throw new IllegalStateException("History.last(): no finished epochs: fit was interrupted before the end"
                    + " of epoch 1 (or has not run); check history.size() or history.isEmpty() before asking for"
                    + " the last epoch.");
        }
        return entries.get(entries.size() - 1);
    }

    static String percent(double fraction) {
        return Double.isNaN(fraction) ? "-" : String.format(Locale.ROOT, "%.2f%%", 100 * fraction);
    }

    /**
     * A loss as numpy prints it: {@code 0.3412}; {@code 3.2792e+08} and {@code 1.0000e-05} beyond 1e5 or below
     * 1e-4 (never a 300-digit number); {@code NaN}, {@code inf}, {@code -inf}: the signs of divergence.
     */
    public static String number(double v) {
        if (!Double.isFinite(v)) {
            return Double.isNaN(v) ? "NaN" : v > 0 ? "inf" : "-inf";
        }
        double a = Math.abs(v);
        return String.format(Locale.ROOT, a != 0 && (a >= 1e5 || a < 1e-4) ? "%.4e" : "%.4f", v);
    }

    /** A gradient norm as numpy's {@code %.2e}: {@code 1.31e+00}; {@code NaN}, {@code inf}, {@code -inf}. */
    public static String norm(double v) {
        return Double.isFinite(v) ? String.format(Locale.ROOT, "%.2e", v) : number(v);
    }

    /** A table: epoch, step, loss, train and test accuracy, each gradient norm, seconds. */
    @Override
    public String toString() {
        if (entries.isEmpty()) {
            return "(no finished epochs yet)\n";
        }
        List<List<String>> rows = new ArrayList<>();
        List<String> header = new ArrayList<>(List.of("epoch", "step", "loss", "train", "test"));
        for (String name : entries.get(0).gradientNorms().keySet()) {
            header.add("‖d" + name + "‖");
        }
        header.add("seconds");
        rows.add(header);
        for (Entry e : entries) {
            List<String> row = new ArrayList<>(List.of(Integer.toString(e.epoch()), Integer.toString(e.step()),
                    number(e.loss()), percent(e.trainAccuracy()),
                    percent(e.testAccuracy())));
            for (double norm : e.gradientNorms().values()) {
                row.add(norm(norm));
            }
            row.add(String.format(Locale.ROOT, "%.2f", e.seconds()));
            rows.add(row);
        }
        return TextTable.format(rows);
    }
}
