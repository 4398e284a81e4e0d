package shapeprop.nn;

import jdk.incubator.vector.DoubleVector;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorSpecies;

/**
 * The vector halves of {@link Kernels} on jdk.incubator.vector. Only {@link Kernels} refers to this class, and
 * only when the JVM was started with {@code --add-modules jdk.incubator.vector}; each method handles the
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

    /** σ(z) = 1 / (1 + e^−z); returns the first index left over. */
    static int sigmoid(double[] values) {
        int lanes = SPECIES.length();
        DoubleVector one = DoubleVector.broadcast(SPECIES, 1.0);
        int i = 0;
        for (; i <= values.length - lanes; i += lanes) {
            DoubleVector e = DoubleVector.fromArray(SPECIES, values, i).neg().lanewise(VectorOperators.EXP);
            one.div(e.add(1.0)).intoArray(values, i);
        }
        return i;
    }

    /** tanh(z) = 1 − 2 / (e^2z + 1); returns the first index left over. */
    static int tanh(double[] values) {
        int lanes = SPECIES.length();
        DoubleVector two = DoubleVector.broadcast(SPECIES, 2.0);
        int i = 0;
        for (; i <= values.length - lanes; i += lanes) {
            DoubleVector z = DoubleVector.fromArray(SPECIES, values, i);
            DoubleVector e = z.add(z).lanewise(VectorOperators.EXP);
            two.div(e.add(1.0)).neg().add(1.0).intoArray(values, i);
        }
        return i;
    }

    /** dA ⊙ A(1 − A); returns the first index left over. */
    static int sigmoidSlope(double[] dA, double[] A) {
        int lanes = SPECIES.length();
        int i = 0;
        for (; i <= dA.length - lanes; i += lanes) {
            DoubleVector a = DoubleVector.fromArray(SPECIES, A, i);
            DoubleVector.fromArray(SPECIES, dA, i).mul(a).mul(a.neg().add(1.0)).intoArray(dA, i);
        }
        return i;
    }

    /** dA ⊙ (1 − A²); returns the first index left over. */
    static int tanhSlope(double[] dA, double[] A) {
        int lanes = SPECIES.length();
        int i = 0;
        for (; i <= dA.length - lanes; i += lanes) {
            DoubleVector a = DoubleVector.fromArray(SPECIES, A, i);
            DoubleVector.fromArray(SPECIES, dA, i).mul(a.mul(a).neg().add(1.0)).intoArray(dA, i);
        }
        return i;
    }
}
