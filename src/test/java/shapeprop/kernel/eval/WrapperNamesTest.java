package shapeprop.kernel.eval;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** JShell's hidden wrapper classes taken out of what a learner reads. */
class WrapperNamesTest {

    @Test
    void wrapperPrefixesAreTakenOutOfAnyText() {
        assertEquals("Box@1b2c3", WrapperNames.strip("REPL.$JShell$12$Box@1b2c3"));
        assertEquals("MyEx", WrapperNames.strip("$JShell$5$MyEx"));
        assertEquals("Cannot invoke \"String.length()\" because \"o\" is null",
                WrapperNames.strip("Cannot invoke \"String.length()\" because \"REPL.$JShell$28.o\" is null"));
        assertEquals("class Box cannot be cast to class Bag (Box and Bag are in unnamed module of loader x)",
                WrapperNames.strip("class REPL.$JShell$12$Box cannot be cast to class REPL.$JShell$13B$Bag "
                        + "(REPL.$JShell$12$Box and REPL.$JShell$13B$Bag are in unnamed module of loader x)"));
        assertEquals("[Box@1, Box$Inner@2]", WrapperNames.strip("[REPL.$JShell$2$Box@1, REPL.$JShell$2$Box$Inner@2]"));
        assertEquals("java.util.ArrayList", WrapperNames.strip("java.util.ArrayList"));
    }

    @Test
    void aClassIsNamedByItsShortName() {
        assertEquals("ArrayList", WrapperNames.of(java.util.ArrayList.class));
        assertEquals("anonymous Runnable", WrapperNames.of(new Runnable() {
            @Override
            public void run() {
            }
        }.getClass()));
        assertEquals("anonymous Object", WrapperNames.of(new Object() { }.getClass()));
    }
}
