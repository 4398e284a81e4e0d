package shapeprop.nn;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.StringWriter;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import javax.tools.JavaCompiler;
import javax.tools.JavaFileObject;
import javax.tools.SimpleJavaFileObject;
import javax.tools.ToolProvider;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A learner copies the examples in the javadoc: every example that calls {@code net.predict(…)} compiles against
 * this build, given a {@code Network net}, an {@code Mnist mnist} and a {@code Matrix X} to work on.
 */
class DocumentedPredictCallsTest {

    private static final Pattern EXAMPLE = Pattern.compile("<pre>\\{@code\\n(.*?)\\n\\s*\\*?\\s*}</pre>",
            Pattern.DOTALL);

    @Test
    void everyJavadocExampleThatCallsPredictCompiles(@TempDir Path out) throws IOException {
        List<String> examples = new ArrayList<>();
        try (Stream<Path> files = Files.walk(Path.of("src/main/java/shapeprop"))) {
            for (Path file : files.filter(p -> p.toString().endsWith(".java")).sorted().toList()) {
                Matcher m = EXAMPLE.matcher(Files.readString(file));
                while (m.find()) {
                    String code = m.group(1).replaceAll("(?m)^\\s*\\* ?", "");
                    if (code.contains(".predict(")) {
                        examples.add(file.getFileName() + ":\n" + code);
                    }
                }
            }
        }
        assertFalse(examples.isEmpty(), "ConfusionMatrix shows how to call predict");
        for (String example : examples) {
            String errors = compile(example.substring(example.indexOf('\n') + 1), out);
            assertEquals("", errors, example);
        }
    }

    /** javac's errors for the example as the body of a method with {@code net}, {@code mnist} and {@code X} in scope. */
    private static String compile(String example, Path out) {
        String source = """
                import shapeprop.data.*;
                import shapeprop.matrix.*;
                import shapeprop.nn.*;
                import shapeprop.viz.*;

                class Example {
                    Network net;
                    Mnist mnist;
                    Matrix X;

                    void run() {
                %s
                    }
                }
                """.formatted(example);
        JavaFileObject file = new SimpleJavaFileObject(URI.create("string:///Example.java"),
                JavaFileObject.Kind.SOURCE) {
            @Override
            public CharSequence getCharContent(boolean ignoreEncodingErrors) {
                return source;
            }
        };
        JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
        assertTrue(javac != null, "a JDK, not a JRE");
        String classPath = System.getProperty("surefire.test.class.path", System.getProperty("java.class.path"));
        StringWriter errors = new StringWriter();
        boolean compiled = javac.getTask(errors, null, null, List.of("-proc:none", "-d", out.toString(),
                "--add-modules", "jdk.incubator.vector", "-classpath", classPath), null, List.of(file)).call();
        return compiled ? "" : errors.toString();
    }
}
