package shapeprop.matrix;

import java.util.Locale;
import java.util.Optional;

/**
 * How {@link Matrix#dot} multiplies: which kernel, and on how many threads.
 *
 * <p>Two kernels compute the same product. {@link Kernel#VECTOR} uses the Vector API and needs the JVM flag
 * {@code --add-modules jdk.incubator.vector}; {@link Kernel#SCALAR} is plain Java and always works. The
 * vector kernel is chosen when the JVM has the module; the system property {@code shapeprop.kernel=scalar}
 * forces the scalar one. Products of at least {@value #PARALLEL_WORK} multiply-adds are split across
 * {@link #threads()} threads (system property {@code shapeprop.threads}, or {@link #setThreads(int)};
 * default: all processors), by rows of C when C is tall and by columns when it is wide. Small or thin
 * products ({@link SmallDot}) skip both kernels: packing them would cost more than multiplying.
 */
public final class Dot {

    /** The kernels that can compute a product. */
    public enum Kernel {
        /** Packed, register-blocked micro-kernel on jdk.incubator.vector. */
        VECTOR,
        /** Cache-blocked plain Java; the JIT vectorizes its inner loop. */
        SCALAR;

        /** True when this JVM can run the kernel. */
        public boolean available() {
            return implementation() != null;
        }

        DotKernel implementation() {
            return this == SCALAR ? ScalarDot.INSTANCE : VectorHolder.KERNEL;
        }
    }

    /** Multiply-adds (m·k·n) from which a product is split across threads. */
    static final long PARALLEL_WORK = 1L << 20;
    /** Parts are whole multiples of this many rows or columns (a multiple of every kernel's tile). */
    private static final int ALIGN = 24;

    private static volatile int threads = initialThreads();
    private static final Kernel DEFAULT_KERNEL = initialKernel();

    private Dot() {
    }

    /** Loaded only when the module is present, so that {@link VectorDot} is never touched without it. */
    private static final class VectorHolder {
        static final DotKernel KERNEL = loadVectorKernel();

        private static DotKernel loadVectorKernel() {
            Optional<Module> module = ModuleLayer.boot().findModule("jdk.incubator.vector");
            if (module.isEmpty()) {
                return null;
            }
            try {
                return (DotKernel) Class.forName("shapeprop.matrix.VectorDot").getDeclaredField("INSTANCE").get(null);
            } catch (ReflectiveOperationException | LinkageError e) {
                return null;
            }
        }
    }

    private static int initialThreads() {
        String property = System.getProperty("shapeprop.threads");
        int cores = Runtime.getRuntime().availableProcessors();
        if (property == null || property.isBlank()) {
            return cores;
        }
        try {
            return Math.max(1, Integer.parseInt(property.trim()));
        } catch (NumberFormatException e) {
            return cores;
        }
    }

    private static Kernel initialKernel() {
        String property = System.getProperty("shapeprop.kernel", "").trim().toLowerCase(Locale.ROOT);
        if (property.equals("scalar") || !Kernel.VECTOR.available()) {
            return Kernel.SCALAR;
        }
        return Kernel.VECTOR;
    }

    /** Threads a large product may use. */
    public static int threads() {
        return threads;
    }

    /** Sets the threads a large product may use; 1 keeps every product on the calling thread. */
    public static void setThreads(int count) {
        if (count < 1) {
            throw new IllegalArgumentException("Dot.setThreads(" + count + "): at least one thread is needed; "
                    + "1 runs every product on the calling thread.");
        }
        threads = count;
    }

    /** The kernel {@link Matrix#dot} uses. */
    public static Kernel kernel() {
        return DEFAULT_KERNEL;
    }

    /** True when the JVM was started with {@code --add-modules jdk.incubator.vector}. */
    public static boolean vectorAvailable() {
        return Kernel.VECTOR.available();
    }

    /**
     * Seconds this JVM has spent so far warming up the matrix kernels: the vector kernel's first product runs its
     * loops on scratch data until the JIT has compiled them (about 0.4 s of one core, once per JVM; seconds on a
     * busy machine). A training loop's first epoch includes them; 0 for the scalar kernel.
     */
    public static double warmUpSeconds() {
        return DEFAULT_KERNEL.implementation().warmUpNanos() / 1e9;
    }

    /** One line for a notebook or a benchmark: the kernel and the threads. */
    public static String describe() {
        String kernelText = DEFAULT_KERNEL == Kernel.VECTOR
                ? "vector kernel (" + Kernel.VECTOR.implementation() + ")"
                : "scalar kernel" + (vectorAvailable() ? "" : " (start the JVM with --add-modules "
                        + "jdk.incubator.vector for the vector kernel)");
        return "dot: " + kernelText + ", up to " + threads + (threads == 1 ? " thread" : " threads");
    }

    /**
     * {@code a.dot(b)} on a given kernel and number of threads, for benchmarks and tests. Throws the same
     * {@link ShapeException} as {@link Matrix#dot}, and {@link UnsupportedOperationException} when the kernel
     * is not available on this JVM.
     */
    public static Matrix multiply(Matrix a, Matrix b, Kernel kernel, int threadCount) {
        if (a.cols != b.rows) {
            throw ShapeErrors.dot(a, b);
        }
        DotKernel implementation = kernel.implementation();
        if (implementation == null) {
            throw new UnsupportedOperationException("Dot.multiply: the " + kernel + " kernel needs the JVM flag "
                    + "--add-modules jdk.incubator.vector; use Kernel.SCALAR or add the flag.");
        }
        if (threadCount < 1) {
            throw new IllegalArgumentException("Dot.multiply: threads is " + threadCount + "; use 1 or more.");
        }
        Operands o = Operands.of(a, false, b, false, implementation.columnPadding(), null);
        compute(o, implementation, threadCount);
        return new Matrix(o.m, o.n, o.result(), null);
    }

    /** C = op(A)·op(B) with the default kernel and threads; op is a transpose where asked. Shapes are checked. */
    static double[] product(Matrix a, boolean transposeA, Matrix b, boolean transposeB) {
        return product(a, transposeA, b, transposeB, null);
    }

    /**
     * As above, written into {@code into} when that has exactly m·n elements (its old values are overwritten) and
     * the kernel needs no padded rows; otherwise into a new array.
     */
    static double[] product(Matrix a, boolean transposeA, Matrix b, boolean transposeB, double[] into) {
        int m = transposeA ? a.cols : a.rows;
        int k = transposeA ? a.rows : a.cols;
        int n = transposeB ? b.rows : b.cols;
        // an (m, n) result must fit one array (an outer product of two long vectors may not)
        int size = new Shape(m, n).size();
        if (SmallDot.fits(m, k, n)) {
            double[] c = into != null && into.length == size ? into : new double[size];
            // Aᵀ(i, p) = A(p, i): a transpose swaps the strides
            SmallDot.multiply(c, a.data, transposeA ? 1 : a.cols, transposeA ? a.cols : 1,
                    b.data, transposeB ? 1 : b.cols, transposeB ? b.cols : 1, m, k, n);
            return c;
        }
        DotKernel kernel = DEFAULT_KERNEL.implementation();
        Operands o = Operands.of(a, transposeA, b, transposeB, kernel.columnPadding(), into);
        compute(o, kernel, threads);
        return o.result();
    }

    /**
     * Rows {@code from} to {@code to} of C = op(A)·op(B) into {@code c}, which holds C's m·n values row-major: the
     * same numbers {@link #product} computes for those rows, on the calling thread. {@code from} and {@code to}
     * must be multiples of {@link Bands#ALIGN} (or m), so that every row is computed by the same loop as in the whole
     * product.
     */
    static void productRows(Matrix a, boolean transposeA, Matrix b, boolean transposeB, double[] c, int from,
                            int to) {
        int m = transposeA ? a.cols : a.rows;
        int k = transposeA ? a.rows : a.cols;
        int n = transposeB ? b.rows : b.cols;
        if (from >= to) {
            return;
        }
        if (SmallDot.fits(m, k, n)) {
            SmallDot.multiplyRows(c, a.data, transposeA ? 1 : a.cols, transposeA ? a.cols : 1,
                    b.data, transposeB ? 1 : b.cols, transposeB ? b.cols : 1, m, k, n, from, to);
            return;
        }
        DotKernel kernel = DEFAULT_KERNEL.implementation();
        Operands o = Operands.of(a, transposeA, b, transposeB, kernel.columnPadding(), c);
        if (k == 0) {
            java.util.Arrays.fill(c, from * n, to * n, 0.0);
            return;
        }
        kernel.multiply(o, from, to, 0, n);
        if (o.c != c) {
            // the kernel wrote whole vectors into padded rows: copy the band's rows without the padding
            for (int i = from; i < to; i++) {
                System.arraycopy(o.c, i * o.ldc, c, i * n, n);
            }
        }
    }

    private static void compute(Operands o, DotKernel kernel, int threadCount) {
        // work = m·k·n multiply-adds
        long work = (long) o.m * o.k * o.n;
        if (work == 0) {
            return;
        }
        boolean byRows = o.m >= o.n;
        int length = byRows ? o.m : o.n;
        int parts = threadCount <= 1 || work < PARALLEL_WORK ? 1
                : Math.min(threadCount, (length + ALIGN - 1) / ALIGN);
        if (parts == 1) {
            kernel.multiply(o, 0, o.m, 0, o.n);
            return;
        }
        // Each part gets a whole number of ALIGN-sized strips, as evenly as possible.
        int strips = (length + ALIGN - 1) / ALIGN;
        Workers.run(parts, t -> {
            int from = Math.min(length, strips * t / parts * ALIGN);
            int to = Math.min(length, strips * (t + 1) / parts * ALIGN);
            if (byRows) {
                kernel.multiply(o, from, to, 0, o.n);
            } else {
                kernel.multiply(o, 0, o.m, from, to);
            }
        });
    }
}
