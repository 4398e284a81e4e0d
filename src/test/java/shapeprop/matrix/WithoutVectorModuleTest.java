package shapeprop.matrix;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * The library must work on a JVM started without {@code --add-modules jdk.incubator.vector}: this test starts
 * one (the same java, the same classes, no flag) and runs {@link #main} there.
 */
class WithoutVectorModuleTest {

    @Test
    void aJvmWithoutTheVectorModuleUsesTheScalarKernelAndComputesTheSameProducts() throws Exception {
        String javaBin = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        String buildDir = System.getProperty("sp.buildDir", "target");
        String classpath = Path.of(buildDir, "classes") + File.pathSeparator + Path.of(buildDir, "test-classes")
                + File.pathSeparator + System.getProperty("java.class.path");
        Process process = new ProcessBuilder(List.of(javaBin, "-cp", classpath, WithoutVectorModuleTest.class.getName()))
                .redirectErrorStream(true).start();
        String output = readAll(process);
        process.waitFor(60, TimeUnit.SECONDS);
        assertEquals("dot: scalar kernel (start the JVM with --add-modules jdk.incubator.vector for the vector "
                + "kernel), up to 2 threads\nVECTOR available: false\nproducts match the naive loop: 120 of 120\n",
                output.replaceAll("up to \\d+ threads", "up to 2 threads"));
        assertEquals(0, process.exitValue());
    }

    private static String readAll(Process process) throws IOException {
        return new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    }

    /** Runs in the child JVM: the kernel in use, and products of many shapes against the naive loop. */
    public static void main(String[] args) {
        System.out.println(Dot.describe());
        System.out.println("VECTOR available: " + Dot.Kernel.VECTOR.available());
        SplittableRandom rng = new SplittableRandom(5);
        int good = 0;
        int total = 0;
        for (int trial = 0; trial < 120; trial++) {
            int m = 1 + rng.nextInt(trial < 100 ? 40 : 300);
            int k = 1 + rng.nextInt(trial < 100 ? 40 : 300);
            int n = 1 + rng.nextInt(trial < 100 ? 40 : 300);
            double[][] a = Naive.values(m, k, rng);
            double[][] b = Naive.values(k, n, rng);
            Matrix c = Naive.matrix(a, m, k).dot(Naive.matrix(b, k, n));
            total++;
            if (Naive.maxRelativeError(c, Naive.dot(a, k, b, n)) <= 1e-12) {
                good++;
            }
        }
        System.out.println("products match the naive loop: " + good + " of " + total);
    }
}
