package shapeprop.cli;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * The options of one command: {@code --name value} or {@code --name=value}, flags such as {@code --trace},
 * and positional words such as {@code mnist}. Every getter checks its value and, when it is wrong, throws a
 * {@link UsageException} that names the option, the value given and the values allowed.
 */
final class Options {

    /** The most seeds {@link #seeds} accepts: each is a whole training run. */
    static final int MAX_SEEDS = 100;

    private final String command;
    private final Map<String, String> values = new LinkedHashMap<>();
    private final Set<String> flags = new TreeSet<>();
    private final List<String> positional = new ArrayList<>();

    private Options(String command) {
        this.command = command;
    }

    /**
     * Parses {@code args}; {@code valued} are the options that take a value, {@code flagNames} those that
     * don't (both without the leading dashes).
     */
    static Options parse(String command, List<String> args, Set<String> valued, Set<String> flagNames) {
        Options options = new Options(command);
        for (int i = 0; i < args.size(); i++) {
            String arg = args.get(i);
            if (arg.equals("-h") && flagNames.contains("help")) {
                options.flags.add("help");
                continue;
            }
            if (arg.length() > 1 && arg.charAt(0) == '-' && Character.isLetter(arg.charAt(1))) {
                TreeSet<String> known = new TreeSet<>(valued);
                known.addAll(flagNames);
                String name = arg.substring(1);
                String meant = known.contains(name) ? name : closest(name, known);
                throw new UsageException(command, "'" + arg + "': options start with two dashes"
                        + (meant == null ? "." : "; did you mean --" + meant + "?"));
            }
            if (!arg.startsWith("--")) {
                options.positional.add(arg);
                continue;
            }
            String name = arg.substring(2);
            if (name.isEmpty() || name.startsWith("=")) {
                throw new UsageException(command, "'" + arg + "' is not an option; write --name value, e.g. --epochs 5.");
            }
            String value = null;
            int eq = name.indexOf('=');
            if (eq >= 0) {
                value = name.substring(eq + 1);
                name = name.substring(0, eq);
            }
            if (flagNames.contains(name)) {
                if (value != null) {
                    throw new UsageException(command, "--" + name + " is a switch and takes no value (got '" + value
                            + "'); write just --" + name + ".");
                }
                options.flags.add(name);
            } else if (valued.contains(name)) {
                if (value == null) {
                    if (i + 1 >= args.size() || args.get(i + 1).startsWith("--")) {
                        throw new UsageException(command, "--" + name + " needs a value, e.g. --" + name + " "
                                + example(name) + ".");
                    }
                    value = args.get(++i);
                }
                String earlier = options.values.put(name, value);
                if (earlier != null && !earlier.equals(value)) {
                    // a later value silently winning would train a run the user did not read back
                    throw new UsageException(command, "--" + name + " is given twice, as " + earlier + " and as "
                            + value + "; give it once, with the value you mean (e.g. --" + name + " " + value + ").");
                }
            } else {
                TreeSet<String> known = new TreeSet<>(valued);
                known.addAll(flagNames);
                throw new UsageException(command, "unknown option --" + name + suggestion(name, known)
                        + " The options of " + command + " are: --" + String.join(", --", known) + ".");
            }
        }
        return options;
    }

    private static String suggestion(String name, Set<String> known) {
        String best = closest(name, known);
        return best == null ? "." : "; did you mean --" + best + "?";
    }

    /**
     * The names other tools give these options (Keras, PyTorch scripts, scikit-learn), and the word a learner
     * may reach for first.
     */
    private static final Map<String, String> OTHER_NAMES = Map.ofEntries(
            Map.entry("batch-size", "batch"), Map.entry("batch_size", "batch"), Map.entry("bs", "batch"),
            Map.entry("learning-rate", "lr"), Map.entry("learning_rate", "lr"), Map.entry("rate", "lr"),
            Map.entry("eta", "lr"), Map.entry("layers", "hidden"), Map.entry("units", "hidden"),
            Map.entry("hidden-sizes", "hidden"), Map.entry("act", "activation"), Map.entry("jobs", "threads"),
            Map.entry("samples", "points"), Map.entry("n-samples", "points"), Map.entry("n_samples", "points"),
            Map.entry("random-state", "seed"), Map.entry("random_state", "seed"), Map.entry("quiet", "no-progress"));

    /**
     * The known option {@code name} most likely stands for: the same in other letter case, another tool's name for
     * it, one it begins (--ep for --epochs), or one within two typing mistakes that are fewer than its letters
     * (so --x suggests nothing); null when none is.
     */
    private static String closest(String name, Set<String> known) {
        String lower = name.toLowerCase(Locale.ROOT);
        if (known.contains(lower)) {
            return lower;
        }
        String other = OTHER_NAMES.get(lower);
        if (other != null && known.contains(other)) {
            return other;
        }
        String best = null;
        int bestDistance = Math.min(3, lower.length());
        for (String candidate : known) {
            if (lower.length() >= 2 && candidate.startsWith(lower)) {
                return candidate;
            }
            int d = distance(lower, candidate);
            if (d < bestDistance) {
                bestDistance = d;
                best = candidate;
            }
        }
        return best;
    }

    /** Levenshtein distance, for "did you mean". */
    private static int distance(String a, String b) {
        int[] previous = new int[b.length() + 1];
        int[] current = new int[b.length() + 1];
        for (int j = 0; j <= b.length(); j++) {
            previous[j] = j;
        }
        for (int i = 1; i <= a.length(); i++) {
            current[0] = i;
            for (int j = 1; j <= b.length(); j++) {
                int cost = a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1;
                current[j] = Math.min(Math.min(current[j - 1] + 1, previous[j] + 1), previous[j - 1] + cost);
            }
            int[] t = previous;
            previous = current;
            current = t;
        }
        return previous[b.length()];
    }

    private static String example(String name) {
        return switch (name) {
            case "hidden" -> "128 or 16,16";
            case "activation" -> "sigmoid";
            case "layout" -> "columns";
            case "lr" -> "0.5";
            case "batch" -> "64";
            case "noise" -> "0.2";
            default -> "5";
        };
    }

    /** The positional words, e.g. {@code [mnist]}. */
    List<String> positional() {
        return positional;
    }

    boolean has(String name) {
        return values.containsKey(name) || flags.contains(name);
    }

    /** The value as typed, or null. */
    String raw(String name) {
        return values.get(name);
    }

    boolean flag(String name) {
        return flags.contains(name);
    }

    /** A whole number ≥ {@code min}. */
    int integer(String name, int fallback, int min) {
        String text = values.get(name);
        if (text == null) {
            return fallback;
        }
        long value;
        try {
            value = Long.parseLong(text.trim().replace("_", ""));
        } catch (NumberFormatException e) {
            throw new UsageException(command, "--" + name + " '" + text + "' is not a whole number; give e.g. --" + name
                    + " " + fallback + ".");
        }
        if (value > Integer.MAX_VALUE) {
            throw new UsageException(command, "--" + name + " is " + value + " but can be at most " + Integer.MAX_VALUE
                    + ".");
        }
        if (value < min) {
            throw new UsageException(command, "--" + name + " is " + value + " but must be at least " + min + ".");
        }
        return (int) value;
    }

    /** A positive finite number. */
    double positive(String name, double fallback) {
        double value = number(name, fallback);
        if (!(value > 0)) {
            throw new UsageException(command, "--" + name + " is " + values.get(name) + " but must be greater than 0.");
        }
        return value;
    }

    /** A finite number ≥ 0. */
    double nonNegative(String name, double fallback) {
        double value = number(name, fallback);
        if (!(value >= 0)) {
            throw new UsageException(command, "--" + name + " is " + values.get(name) + " but must be 0 or more.");
        }
        return value;
    }

    private double number(String name, double fallback) {
        String text = values.get(name);
        if (text == null) {
            return fallback;
        }
        String problem = "is not a number";
        try {
            double value = Double.parseDouble(text.trim());
            if (Double.isFinite(value)) {
                return value;
            }
            problem = Double.isNaN(value) ? "is not a number" : "is too large for a double (it reads as infinity)";
        } catch (NumberFormatException e) {
            // reported below
        }
        throw new UsageException(command, "--" + name + " '" + text + "' " + problem + "; give e.g. --" + name + " "
                + fallback + ".");
    }

    /** One of {@code allowed} (case-insensitive), returned as the allowed spelling. */
    String choice(String name, String fallback, List<String> allowed) {
        String text = values.get(name);
        if (text == null) {
            return fallback;
        }
        String lower = text.trim().toLowerCase(Locale.ROOT);
        if (allowed.contains(lower)) {
            return lower;
        }
        String meant = closest(lower, new LinkedHashSet<>(allowed));
        throw new UsageException(command, "--" + name + " '" + text + "' is not one of " + String.join(", ", allowed)
                + (meant == null ? "." : "; did you mean --" + name + " " + meant + "?"));
    }

    /** Layer sizes such as {@code 16,16}: positive whole numbers separated by commas. */
    int[] sizes(String name, int[] fallback) {
        String text = values.get(name);
        if (text == null) {
            return fallback.clone();
        }
        // -1 keeps empty parts: "16," is a mistake as much as ",16"
        String[] parts = text.split(",", -1);
        int[] out = new int[parts.length];
        for (int i = 0; i < parts.length; i++) {
            try {
                out[i] = Integer.parseInt(parts[i].trim());
            } catch (NumberFormatException e) {
                out[i] = -1;
            }
            if (out[i] < 1) {
                throw new UsageException(command, "--" + name + " '" + text + "': '" + parts[i].trim()
                        + "' is not a layer size; give positive whole numbers separated by commas, e.g. --" + name
                        + " 128 or --" + name + " 16,16.");
            }
        }
        return out;
    }

    /**
     * Seeds such as {@code 0-4} (both ends included), {@code 0,3,7} or {@code 2}: whole numbers of at least 0, none
     * twice, at most {@value #MAX_SEEDS} of them; null when the option is absent.
     */
    int[] seeds(String name) {
        String text = values.get(name);
        if (text == null) {
            return null;
        }
        String hint = "; give a range such as --" + name + " 0-4 (both ends included) or a list such as --" + name
                + " 0,3,7.";
        List<Integer> seeds = new ArrayList<>();
        for (String part : text.split(",", -1)) {
            String[] ends = part.trim().split("-", -1);
            long first;
            long last;
            try {
                first = ends.length == 1 || ends.length == 2 ? Long.parseLong(ends[0].trim()) : -1;
                last = ends.length == 2 ? Long.parseLong(ends[1].trim()) : first;
            } catch (NumberFormatException e) {
                first = -1;
                last = -1;
            }
            if (first < 0 || last > Integer.MAX_VALUE) {
                throw new UsageException(command, "--" + name + " '" + text + "': '" + part.trim()
                        + "' is not a seed or a range of seeds (whole numbers from 0 to " + Integer.MAX_VALUE + ")"
                        + hint);
            }
            if (last < first) {
                throw new UsageException(command, "--" + name + " '" + text + "': the range " + part.trim()
                        + " ends before it starts; write it as " + last + "-" + first + ".");
            }
            if (last - first >= MAX_SEEDS || seeds.size() + (last - first + 1) > MAX_SEEDS) {
                throw new UsageException(command, "--" + name + " '" + text + "' names more than " + MAX_SEEDS
                        + " seeds, and each seed is a whole training run; give at most " + MAX_SEEDS + ", e.g. --"
                        + name + " 0-4.");
            }
            for (long seed = first; seed <= last; seed++) {
                if (seeds.contains((int) seed)) {
                    throw new UsageException(command, "--" + name + " '" + text + "' names seed " + seed
                            + " twice; a seed gives the same run every time, so name each once.");
                }
                seeds.add((int) seed);
            }
        }
        return seeds.stream().mapToInt(Integer::intValue).toArray();
    }

    @Override
    public String toString() {
        return command + " " + positional + " " + values + (flags.isEmpty() ? "" : " " + flags);
    }

    /** The allowed values as a list, for {@link #choice}. */
    static List<String> allowed(String... names) {
        return Arrays.asList(names);
    }
}
