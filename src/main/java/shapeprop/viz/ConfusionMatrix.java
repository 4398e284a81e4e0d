package shapeprop.viz;

import shapeprop.data.Dataset;
import tech.tablesaw.api.DoubleColumn;
import tech.tablesaw.api.IntColumn;
import tech.tablesaw.api.StringColumn;
import tech.tablesaw.api.Table;
import tech.tablesaw.columns.numbers.NumberColumnFormatter;

/**
 * How often each actual class was predicted as each class: {@code count(actual, predicted)}. The diagonal
 * holds the right answers; a large off-diagonal cell names a confusion (4 taken for 9). Shown as a table
 * ({@link #table()}), per-class accuracy ({@link #perClassAccuracy()}) and a heatmap ({@link #heatmap()}).
 *
 * <pre>{@code
 * Matrix X = mnist.test().x(Samples.COLUMNS);      // (784, 10000) for a network in the columns layout
 * int[] predicted = net.predict(X);                 // one class per sample: the arg max over the output units
 * ConfusionMatrix cm = ConfusionMatrix.of(mnist.test(), predicted);
 * }</pre>
 */
public final class ConfusionMatrix {

    private final int[][] counts;
    private final int total;

    private ConfusionMatrix(int[][] counts) {
        this.counts = counts;
        int sum = 0;
        for (int[] row : counts) {
            for (int c : row) {
                sum += c;
            }
        }
        this.total = sum;
    }

    /** From the actual and predicted class of each sample, classes 0..classes-1. */
    public static ConfusionMatrix of(int[] actual, int[] predicted, int classes) {
        if (classes < 1) {
            throw new IllegalArgumentException("ConfusionMatrix: " + classes + " classes; pass the number of classes"
                    + " the labels use, at least 1 (10 for MNIST digits 0..9, 2 for moons).");
        }
        if (actual.length != predicted.length) {
            throw new IllegalArgumentException("ConfusionMatrix: " + actual.length + " actual labels but "
                    + predicted.length + " predictions; predict every sample once (for a (classes, m) output"
                    + " use argmax(0), for (m, classes) argmax(1)).");
        }
        int[][] counts = new int[classes][classes];
        for (int i = 0; i < actual.length; i++) {
            check("actual", actual[i], i, classes);
            check("predicted", predicted[i], i, classes);
            counts[actual[i]][predicted[i]]++;
        }
        return new ConfusionMatrix(counts);
    }

    /** From a dataset's labels and one predicted class per sample. */
    public static ConfusionMatrix of(Dataset data, int[] predicted) {
        return of(data.labels(), predicted, data.classes());
    }

    private static void check(String what, int label, int i, int classes) {
        if (label < 0 || label >= classes) {
            throw new IllegalArgumentException("ConfusionMatrix: " + what + " class " + label + " of sample " + i
                    + " is outside 0.." + (classes - 1) + "; pass the number of classes the labels use.");
        }
    }

    public int classes() {
        return counts.length;
    }

    /** Samples of class {@code actual} predicted as {@code predicted}. */
    public int count(int actual, int predicted) {
        return counts[actual][predicted];
    }

    /** Number of samples. */
    public int total() {
        return total;
    }

    /** The fraction predicted right, the diagonal over the total. */
    public double accuracy() {
        int right = 0;
        for (int c = 0; c < counts.length; c++) {
            right += counts[c][c];
        }
        return total == 0 ? 0 : (double) right / total;
    }

    /** The fraction of class {@code c}'s samples predicted right (recall); NaN when there are none. */
    public double classAccuracy(int c) {
        int n = 0;
        for (int p : counts[c]) {
            n += p;
        }
        return n == 0 ? Double.NaN : (double) counts[c][c] / n;
    }

    /** The class most often predicted for class {@code c} instead of {@code c}, or -1 when it never is. */
    public int mostConfusedWith(int c) {
        int best = -1;
        for (int p = 0; p < counts.length; p++) {
            if (p != c && counts[c][p] > 0 && (best < 0 || counts[c][p] > counts[c][best])) {
                best = p;
            }
        }
        return best;
    }

    /** Rows are actual classes, columns predicted classes ({@code predicted 0} ...). */
    public Table table() {
        Table t = Table.create("Confusion matrix (rows: actual, columns: predicted)");
        t.addColumns(StringColumn.create("actual"));
        for (int p = 0; p < counts.length; p++) {
            t.addColumns(IntColumn.create("predicted " + p));
        }
        for (int a = 0; a < counts.length; a++) {
            t.stringColumn(0).append(String.valueOf(a));
            for (int p = 0; p < counts.length; p++) {
                t.intColumn(p + 1).append(counts[a][p]);
            }
        }
        return t;
    }

    /** One row per class: samples, correct, accuracy and the class it is most often taken for. */
    public Table perClassAccuracy() {
        StringColumn cls = StringColumn.create("class");
        IntColumn samples = IntColumn.create("samples");
        IntColumn correct = IntColumn.create("correct");
        DoubleColumn accuracy = DoubleColumn.create("accuracy");
        accuracy.setPrintFormatter(NumberColumnFormatter.percent(1));
        StringColumn confused = StringColumn.create("most confused with");
        for (int c = 0; c < counts.length; c++) {
            int n = 0;
            for (int p : counts[c]) {
                n += p;
            }
            cls.append(String.valueOf(c));
            samples.append(n);
            correct.append(counts[c][c]);
            accuracy.append(classAccuracy(c));
            int other = mostConfusedWith(c);
            confused.append(other < 0 ? "" : other + " (" + counts[c][other] + "×)");
        }
        return Table.create("Accuracy per class (overall " + Format.percent(accuracy()) + ")", cls, samples,
                correct, accuracy, confused);
    }

    /** The counts as a heatmap, actual classes down, predicted across, each cell labelled with its count. */
    public Plot heatmap() {
        int k = counts.length;
        double[][] z = new double[k][k];
        String[] names = new String[k];
        double max = 1;
        for (int a = 0; a < k; a++) {
            names[a] = String.valueOf(a);
            for (int p = 0; p < k; p++) {
                z[a][p] = counts[a][p];
                max = Math.max(max, counts[a][p]);
            }
        }
        double[] index = new double[k];
        for (int i = 0; i < k; i++) {
            index[i] = i;
        }
        Plot.Builder plot = Plot.builder("Confusion matrix: " + Format.percent(accuracy()) + " of " + total
                        + " right")
                .add(PlotTrace.of("heatmap", "count").set("x", index).set("y", index).set("z", z)
                        .set("colorscale", Palette.BLUES).set("zmin", 0).set("zmax", max)
                        .set("hovertemplate", "actual %{y}, predicted %{x}: %{z}<extra></extra>"))
                .xAxis("predicted class").yAxis("actual class")
                .axis("xaxis", "tickvals", index).axis("xaxis", "ticktext", names)
                .axis("yaxis", "tickvals", index).axis("yaxis", "ticktext", names)
                .axis("yaxis", "autorange", "reversed").axis("xaxis", "side", "bottom")
                .size(Math.max(420, 60 + 46 * k), Math.max(400, 110 + 40 * k));
        for (int a = 0; a < k; a++) {
            for (int p = 0; p < k; p++) {
                if (counts[a][p] > 0) {
                    plot.annotate(p, a, String.valueOf(counts[a][p]), counts[a][p] > max / 2 ? "white" : "black");
                }
            }
        }
        return plot.build();
    }

    /** The counts, as {@link #table()} prints. */
    @Override
    public String toString() {
        return table().print();
    }
}
