package shapeprop.nn;

import jdk.incubator.vector.DoubleVector;
import jdk.incubator.vector.VectorSpecies;

/**
 * The vector half of {@link Kernels} on jdk.incubator.vector, for large arrays. Only {@link Kernels} refers to this
 * class, and only when the JVM was started with {@code --add-modules jdk.incubator.vector}; the method handles the
 * multiple-of-lanes part and returns where the scalar tail starts.
 */
final class VectorKernels {

    private static final VectorSpecies<Double> SPECIES = DoubleVector.SPECIES_PREFERRED;

    private VectorKernels() {
    }

    /** values[o + j] += bias[j] for j below the last full vector; returns the first j left over. */
    static int addRow(double[] values, int o, double[] bias, int cols) {
        int lanes = SPECIES.length();
        int j = 0;
        for (; j <= cols - lanes; j += lanes) {
            DoubleVector.fromArray(SPECIES, values, o + j).add(DoubleVector.fromArray(SPECIES, bias, j))
                    .intoArray(values, o + j);
        }
        return j;
    }
}
