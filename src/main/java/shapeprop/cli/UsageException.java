package shapeprop.cli;

/** A command line the program cannot run: the message names the option, what was wrong and what is allowed. */
public class UsageException extends IllegalArgumentException {

    private static final long serialVersionUID = 1L;

    private final String command;

    public UsageException(String command, String message) {
        super(message);
        this.command = command;
    }

    /** The command whose options were wrong ({@code train}, {@code bench}, …), for the "see --help" hint. */
    public String command() {
        return command;
    }
}
