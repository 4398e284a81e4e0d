package shapeprop.kernel;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * kernel/jit-directives.json, which kernel/install hands to the kernel's JVM: a file HotSpot cannot parse
 * would stop the kernel from starting at all.
 */
class JitDirectivesTest {

    private static final Path DIRECTIVES = Path.of("kernel", "jit-directives.json");

    @Test
    void theKernelsJvmAcceptsTheDirectives() throws IOException, InterruptedException {
        Process java = new ProcessBuilder(JupyterHarness.javaBinary(), "-XX:+UnlockDiagnosticVMOptions",
                "-XX:CompilerDirectivesFile=" + DIRECTIVES, "-version").redirectErrorStream(true).start();
        String out = new String(java.getInputStream().readAllBytes(), StandardCharsets.UTF_8);

        assertEquals(0, java.waitFor(), out);
        // the C2 exception for JShell's symbol-table walk, then javac and JShell kept at C1
        assertTrue(out.contains("2 compiler directives added"), out);
    }

    @Test
    void theInstallerPassesThemToTheKernel() throws IOException {
        String install = Files.readString(Path.of("kernel", "install"));

        assertTrue(install.contains("-XX:CompilerDirectivesFile=$version/jit-directives.json"), install);
        assertTrue(install.contains("cp \"$here/jit-directives.json\" \"$version/\""), "the installer copies the file");
    }
}
