package shapeprop.matrix;

/**
 * One way to compute a block of C = A·B. Kernels are stateless (scratch space is per thread), so one
 * instance serves every thread; {@link Dot} chooses the kernel and splits large products into blocks.
 */
interface DotKernel {

    /** Writes A[r0:r1, :]·B[:, c0:c1] into C[r0:r1, c0:c1], overwriting what C held there. */
    void multiply(Operands o, int r0, int r1, int c0, int c1);

    /** C's rows must be padded to a multiple of this many columns (the kernel writes whole vectors). */
    int columnPadding();

    /** The kernel's name for benchmarks and {@code Dot.describe()}. */
    String name();

    /** Nanoseconds this JVM has spent so far getting the kernel's code compiled (0 if it needs no warm-up). */
    default long warmUpNanos() {
        return 0;
    }
}
