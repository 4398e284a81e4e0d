package shapeprop.viz;

import java.util.List;
import shapeprop.nn.GradientCheck;
import tech.tablesaw.api.DoubleColumn;
import tech.tablesaw.api.IntColumn;
import tech.tablesaw.api.StringColumn;
import tech.tablesaw.api.Table;

/**
 * A {@link GradientCheck.Report} as a table, one row per parameter like micrograd's {@code cmp}: shape, max
 * |analytic − numeric|, relative error, the verdict ({@code ✓ ok}, {@code ? suspicious}, {@code ✗ wrong})
 * and the sentence that explains it.
 */
public final class GradientCheckTable {

    private GradientCheckTable() {
    }

    public static Table of(GradientCheck.Report report) {
        StringColumn parameter = StringColumn.create("parameter");
        StringColumn shape = StringColumn.create("shape");
        DoubleColumn maxDiff = DoubleColumn.create("max |diff|");
        DoubleColumn relative = DoubleColumn.create("relative error");
        StringColumn verdict = StringColumn.create("verdict");
        IntColumn checked = IntColumn.create("entries checked");
        StringColumn explanation = StringColumn.create("explanation");
        maxDiff.setPrintFormatter(HistoryTable.scientific());
        relative.setPrintFormatter(HistoryTable.scientific());
        for (GradientCheck.Row row : report.rows()) {
            parameter.append(row.parameter());
            shape.append(row.shape().toString());
            maxDiff.append(row.maxAbsDiff());
            relative.append(row.relativeError());
            verdict.append(mark(row.verdict()) + " " + row.verdict());
            checked.append(row.checked());
            explanation.append(row.explanation());
        }
        return Table.create(title(report), parameter, shape, maxDiff, relative, verdict, checked, explanation);
    }

    /**
     * {@code Gradient check: every gradient matches ✓}, {@code … [W1, b1] do not match ✗} (and which are
     * suspicious, if any), or {@code … [w, c] are suspicious: look closer ?}.
     */
    static String title(GradientCheck.Report report) {
        if (report.allOk()) {
            return "Gradient check: every gradient matches ✓";
        }
        List<String> wrong = parameters(report, GradientCheck.Verdict.WRONG);
        List<String> suspicious = parameters(report, GradientCheck.Verdict.SUSPICIOUS);
        if (wrong.isEmpty()) {
            return "Gradient check: " + suspicious + (suspicious.size() == 1 ? " is" : " are")
                    + " suspicious: look closer ?";
        }
        return "Gradient check: " + wrong + " do" + (wrong.size() == 1 ? "es" : "") + " not match ✗"
                + (suspicious.isEmpty() ? "" : "; " + suspicious + " suspicious");
    }

    private static List<String> parameters(GradientCheck.Report report, GradientCheck.Verdict verdict) {
        return report.rows().stream().filter(r -> r.verdict() == verdict).map(GradientCheck.Row::parameter).toList();
    }

    static String mark(GradientCheck.Verdict verdict) {
        return switch (verdict) {
            case OK -> "✓";
            case SUSPICIOUS -> "?";
            case WRONG -> "✗";
        };
    }
}
