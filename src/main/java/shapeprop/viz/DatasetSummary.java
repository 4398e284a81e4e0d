package shapeprop.viz;

import shapeprop.data.Dataset;
import shapeprop.data.Samples;
import shapeprop.matrix.Matrix;
import tech.tablesaw.api.DoubleColumn;
import tech.tablesaw.api.IntColumn;
import tech.tablesaw.api.StringColumn;
import tech.tablesaw.api.Table;
import tech.tablesaw.columns.numbers.NumberColumnFormatter;

/**
 * What is in a dataset before training on it: how many samples, features and classes, the range of the
 * features (are pixels scaled to [0, 1]?), and whether the classes are balanced.
 */
public final class DatasetSummary {

    private DatasetSummary() {
    }

    /** One row per dataset: samples, features, classes, feature min/max/mean, smallest and largest class. */
    public static Table of(Dataset... datasets) {
        StringColumn name = StringColumn.create("dataset");
        IntColumn samples = IntColumn.create("samples");
        IntColumn features = IntColumn.create("features");
        IntColumn classes = IntColumn.create("classes");
        DoubleColumn min = DoubleColumn.create("feature min");
        DoubleColumn max = DoubleColumn.create("feature max");
        DoubleColumn mean = DoubleColumn.create("feature mean");
        StringColumn smallest = StringColumn.create("smallest class");
        StringColumn largest = StringColumn.create("largest class");
        for (DoubleColumn c : new DoubleColumn[] {min, max, mean}) {
            c.setPrintFormatter(NumberColumnFormatter.fixedWithGrouping(3));
        }
        for (Dataset d : datasets) {
            Matrix x = d.x(Samples.ROWS);
            int[] counts = counts(d);
            int lo = 0;
            int hi = 0;
            for (int c = 0; c < counts.length; c++) {
                lo = counts[c] < counts[lo] ? c : lo;
                hi = counts[c] > counts[hi] ? c : hi;
            }
            name.append(d.name());
            samples.append(d.size());
            features.append(d.features());
            classes.append(d.classes());
            min.append(d.size() == 0 ? Double.NaN : x.min());
            max.append(d.size() == 0 ? Double.NaN : x.max());
            mean.append(d.size() == 0 ? Double.NaN : x.mean());
            smallest.append(lo + " (" + counts[lo] + ")");
            largest.append(hi + " (" + counts[hi] + ")");
        }
        return Table.create("Datasets", name, samples, features, classes, min, max, mean, smallest, largest);
    }

    /** One row per class: how many samples it has and its share of the dataset. */
    public static Table classes(Dataset d) {
        int[] counts = counts(d);
        StringColumn cls = StringColumn.create("class");
        IntColumn samples = IntColumn.create("samples");
        DoubleColumn share = DoubleColumn.create("share");
        share.setPrintFormatter(NumberColumnFormatter.percent(1));
        for (int c = 0; c < counts.length; c++) {
            cls.append(String.valueOf(c));
            samples.append(counts[c]);
            share.append(d.size() == 0 ? Double.NaN : (double) counts[c] / d.size());
        }
        return Table.create("Classes of " + d.name(), cls, samples, share);
    }

    private static int[] counts(Dataset d) {
        int[] counts = new int[d.classes()];
        for (int label : d.labels()) {
            counts[label]++;
        }
        return counts;
    }
}
