package shapeprop.viz;

import java.util.ArrayList;
import java.util.List;
import shapeprop.nn.History;

/**
 * Curves of a training {@link History} per epoch: the loss, train and test accuracy, and the norm of each
 * parameter's gradient on a log axis, where a vanishing gradient shows as a layer whose line sinks decades
 * below the others.
 */
public final class TrainingCurves {

    /** Up to this many epochs, each one gets a marker. */
    static final int MARKED_EPOCHS = 40;

    /** Up to this many epochs, the epoch axis has a tick at every epoch (never at epoch 1.2). */
    static final int TICKED_EPOCHS = 12;

    /** What an empty history's figures say instead of empty axes. */
    static final String NO_EPOCHS = "no finished epochs yet: fit was interrupted in epoch 1, or has not run";

    private TrainingCurves() {
    }

    /**
     * A figure of a history titled {@code title} and then {@code divergence} ({@link #diverged}, empty when none): a
     * note and no axes while there are no finished epochs (epoch −1 to 6 says nothing).
     */
    private static Plot.Builder figure(String title, String divergence, List<History.Entry> entries) {
        Plot.Builder plot = Plot.builder(title + divergence);
        if (entries.isEmpty()) {
            plot.note(NO_EPOCHS).axis("xaxis", "visible", false).axis("yaxis", "visible", false);
        } else if (!divergence.isEmpty()) {
            // every epoch on the axis, so the line visibly stops where the values went NaN or ∞
            plot.axis("xaxis", "range", List.of(entries.get(0).epoch() - 0.5,
                    entries.get(entries.size() - 1).epoch() + 0.5));
        }
        return plot;
    }

    /** The mean training loss of each epoch; from the first NaN or ∞, the title says training diverged. */
    public static Plot loss(History history) {
        List<History.Entry> entries = history.entries();
        return figure("Loss per epoch", diverged("loss", entries, History.Entry::loss), entries)
                .add(PlotTrace.line("train loss", epochs(entries), values(entries, History.Entry::loss),
                        Palette.series(0)).set("mode", mode(entries)))
                .xAxis("epoch").yAxis("loss").axis("xaxis", "dtick", epochTick(entries)).build();
    }

    /** Train accuracy, and test accuracy when the history has it, per epoch. */
    public static Plot accuracy(History history) {
        List<History.Entry> entries = history.entries();
        Plot.Builder plot = figure("Accuracy per epoch", "", entries)
                .add(PlotTrace.line("train accuracy", epochs(entries), values(entries, History.Entry::trainAccuracy),
                        Palette.series(0)).set("mode", mode(entries)))
                .xAxis("epoch").yAxis("accuracy").axis("yaxis", "tickformat", ".0%")
                .axis("xaxis", "dtick", epochTick(entries));
        double[] test = values(entries, History.Entry::testAccuracy);
        if (java.util.Arrays.stream(test).anyMatch(Double::isFinite)) {
            plot.add(PlotTrace.line("test accuracy", epochs(entries), test, Palette.series(1))
                    .set("mode", mode(entries)));
        }
        return plot.build();
    }

    /** ‖dθ‖ of every parameter per epoch, log y axis: weights solid, biases dotted, one colour per layer. */
    public static Plot gradientNorms(History history) {
        List<History.Entry> entries = history.entries();
        List<String> parameters = entries.isEmpty() ? List.of()
                : new ArrayList<>(entries.get(0).gradientNorms().keySet());
        String divergence = "";
        for (String p : parameters) {
            divergence = diverged(HistoryTable.normName(p), entries, e -> e.gradientNorms().getOrDefault(p, 0.0));
            if (!divergence.isEmpty()) {
                break;
            }
        }
        Plot.Builder plot = figure("Gradient norm per parameter (log scale)", divergence, entries).xAxis("epoch")
                .axis("xaxis", "dtick", epochTick(entries))
                .yAxis("‖dθ‖ (Frobenius)").logY().axis("yaxis", "exponentformat", "power")
                .axis("yaxis", "dtick", decadeStep(entries));
        for (String p : parameters) {
            double[] norms = new double[entries.size()];
            for (int i = 0; i < norms.length; i++) {
                Double v = entries.get(i).gradientNorms().get(p);
                norms[i] = v == null ? Double.NaN : v;
            }
            PlotTrace line = PlotTrace.line(HistoryTable.normName(p), epochs(entries), norms,
                    Palette.series(layerIndex(p))).set("mode", mode(entries));
            if (p.startsWith("b")) {
                line.set("line", java.util.Map.of("color", Palette.series(layerIndex(p)), "width", 2, "dash", "dot"));
            }
            plot.add(line);
        }
        return plot.build();
    }

    /**
     * {@code : loss is NaN from epoch 2: training diverged} when a value is NaN or ±∞ (which no curve can draw:
     * the line just stops), else empty.
     */
    static String diverged(String what, List<History.Entry> entries, java.util.function.ToDoubleFunction<History.Entry> f) {
        for (History.Entry e : entries) {
            double v = f.applyAsDouble(e);
            if (!Double.isFinite(v)) {
                return " — " + what + " is " + History.number(v) + " from epoch " + e.epoch() + ": training diverged";
            }
        }
        return "";
    }

    /** A label every decade for norms within 8 decades; for a vanishing gradient (1e-30 next to 1), fewer. */
    private static int decadeStep(List<History.Entry> entries) {
        double lo = Double.POSITIVE_INFINITY;
        double hi = 0;
        for (History.Entry e : entries) {
            for (double v : e.gradientNorms().values()) {
                if (v > 0 && Double.isFinite(v)) {
                    lo = Math.min(lo, v);
                    hi = Math.max(hi, v);
                }
            }
        }
        return Ticks.decadeStep(lo, hi);
    }

    /** Markers on each epoch while they can be told apart; a plain line for long runs. */
    static String mode(List<History.Entry> entries) {
        return entries.size() <= MARKED_EPOCHS ? "lines+markers" : "lines";
    }

    /** Whole epochs only: 1 for short runs, else a round step that gives about ten ticks. */
    static int epochTick(List<History.Entry> entries) {
        int n = entries.size();
        if (n <= TICKED_EPOCHS) {
            return 1;
        }
        int step = 1;
        for (int m : new int[] {2, 5, 10, 20, 50, 100, 200, 500, 1000}) {
            if (n / step > TICKED_EPOCHS) {
                step = m;
            }
        }
        return step;
    }

    /** {@code W2} and {@code b2} share layer 2's colour. */
    private static int layerIndex(String parameter) {
        String digits = parameter.replaceAll("\\D", "");
        return digits.isEmpty() ? 0 : Integer.parseInt(digits) - 1;
    }

    private static double[] epochs(List<History.Entry> entries) {
        return entries.stream().mapToDouble(History.Entry::epoch).toArray();
    }

    private static double[] values(List<History.Entry> entries, java.util.function.ToDoubleFunction<History.Entry> f) {
        return entries.stream().mapToDouble(f).toArray();
    }
}
