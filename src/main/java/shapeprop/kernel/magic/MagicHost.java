package shapeprop.kernel.magic;

import shapeprop.kernel.eval.Outcome;

/** What magics need from the kernel: add jars, run code, show things. */
public interface MagicHost {

    void addToClasspath(String path);

    /** Runs Java source and magics (a %load-ed file, a cell of a %load-ed notebook) as if it were a cell. */
    Outcome runCode(String code);

    /** Shows {@code text} as {@code mime} (e.g. text/html for %%html). */
    void show(String mime, String text);

    /** A line of progress for the user (stdout). */
    void say(String text);
}
