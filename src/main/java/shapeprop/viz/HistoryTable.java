package shapeprop.viz;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import shapeprop.nn.History;
import tech.tablesaw.api.DoubleColumn;
import tech.tablesaw.api.IntColumn;
import tech.tablesaw.api.Table;
import tech.tablesaw.columns.numbers.NumberColumnFormatter;

/**
 * A training {@link History} as a table, one row per epoch: epoch, step, loss, train and test accuracy,
 * the norm of each parameter's gradient ({@code ‖dW1‖}, ...) and the seconds since training started
 * ({@code total seconds}: cumulative, not per epoch). Numbers print as numpy does: norms {@code 1.31e+00} next to
 * {@code 8.58e-01}, a large loss {@code 3.2792e+08}, a diverged one {@code NaN} or {@code inf}.
 */
public final class HistoryTable {

    private HistoryTable() {
    }

    public static Table of(History history) {
        IntColumn epoch = IntColumn.create("epoch");
        IntColumn step = IntColumn.create("step");
        DoubleColumn loss = DoubleColumn.create("loss");
        DoubleColumn train = DoubleColumn.create("train accuracy");
        DoubleColumn test = DoubleColumn.create("test accuracy");
        DoubleColumn seconds = DoubleColumn.create("total seconds");
        loss.setPrintFormatter(printing(History::number));
        train.setPrintFormatter(percent());
        test.setPrintFormatter(percent());
        seconds.setPrintFormatter(NumberColumnFormatter.fixedWithGrouping(2));
        List<String> parameters = history.isEmpty() ? List.of()
                : new ArrayList<>(history.entries().get(0).gradientNorms().keySet());
        List<DoubleColumn> norms = new ArrayList<>();
        for (String p : parameters) {
            DoubleColumn c = DoubleColumn.create(normName(p));
            c.setPrintFormatter(scientific());
            norms.add(c);
        }
        for (History.Entry e : history.entries()) {
            epoch.append(e.epoch());
            step.append(e.step());
            loss.append(e.loss());
            train.append(e.trainAccuracy());
            test.append(e.testAccuracy());
            seconds.append(e.seconds());
            for (int i = 0; i < parameters.size(); i++) {
                Double norm = e.gradientNorms().get(parameters.get(i));
                norms.get(i).append(norm == null ? Double.NaN : norm);
            }
        }
        Table table = Table.create(history.isEmpty() ? "Training history: " + TrainingCurves.NO_EPOCHS
                : "Training history", epoch, step, loss, train, test);
        norms.forEach(table::addColumns);
        table.addColumns(seconds);
        if (history.entries().stream().allMatch(e -> Double.isNaN(e.testAccuracy()))) {
            table.removeColumns(test);
        }
        return table;
    }

    /**
     * {@code 1.31e+00}, {@code 8.58e-01}: numpy's {@code %.2e}, the same width for every value; {@code NaN},
     * {@code inf}, {@code -inf} as numpy prints them (the signs of divergence, never hidden).
     */
    static NumberColumnFormatter scientific() {
        return printing(History::norm);
    }

    /** {@code 97.52%}; {@code NaN} for an accuracy that could not be measured. */
    private static NumberColumnFormatter percent() {
        return printing(v -> Double.isFinite(v) ? String.format(Locale.ROOT, "%.2f%%", 100 * v) : History.number(v));
    }

    /** A column format that prints every value, NaN included (Tablesaw would print NaN, its missing value, blank). */
    private static NumberColumnFormatter printing(java.util.function.DoubleFunction<String> text) {
        return new NumberColumnFormatter("NaN") {
            @Override
            public String format(double value) {
                return text.apply(value);
            }
        };
    }

    /** {@code ‖dW1‖}: the Frobenius norm of a parameter's gradient. */
    static String normName(String parameter) {
        return "‖d" + parameter + "‖";
    }
}
