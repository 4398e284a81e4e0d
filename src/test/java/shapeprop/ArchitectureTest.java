package shapeprop;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/** Dependencies point one way (DESIGN.md): matrix ← nn ← viz ← kernel; data and cli as drawn there. */
class ArchitectureTest {

    /** For each package, the ShapeProp packages it may import. */
    private static final Map<String, Set<String>> ALLOWED = Map.of(
            "matrix", Set.of(),
            "nn", Set.of("matrix"),
            "data", Set.of("matrix"),
            "viz", Set.of("matrix", "nn", "data"),
            "cli", Set.of("matrix", "nn", "data", "viz"),
            "kernel", Set.of("matrix", "nn", "data", "viz"));

    private static final Pattern REFERENCE = Pattern.compile("\\bshapeprop\\.(\\w+)\\.");

    @Test
    void everyPackageImportsOnlyThePackagesBelowIt() throws IOException {
        Path main = Path.of("src/main/java/shapeprop");
        List<String> violations = new ArrayList<>();
        try (Stream<Path> files = Files.walk(main)) {
            for (Path file : files.filter(p -> p.toString().endsWith(".java")).toList()) {
                String owner = main.relativize(file).getName(0).toString();
                Set<String> allowed = ALLOWED.get(owner);
                if (allowed == null) {
                    violations.add(file + ": package shapeprop." + owner + " is not in DESIGN.md's table");
                    continue;
                }
                Matcher m = REFERENCE.matcher(withoutComments(Files.readString(file)));
                while (m.find()) {
                    String used = m.group(1);
                    if (!used.equals(owner) && ALLOWED.containsKey(used) && !allowed.contains(used)) {
                        violations.add(file + " uses shapeprop." + used + ", but shapeprop." + owner
                                + " may only use " + allowed);
                    }
                }
            }
        }
        assertEquals(List.of(), violations, "dependencies must point one way");
    }

    /** Code only: a comment may mention another package without depending on it. */
    private static String withoutComments(String source) {
        return source.replaceAll("(?s)/\\*.*?\\*/", "").replaceAll("//[^\\n]*", "");
    }
}
