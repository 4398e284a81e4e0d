package shapeprop.kernel;

import java.util.ArrayList;
import java.util.List;

/** The cells run in this session, for Jupyter's {@code history_request} (console arrow-up). */
final class History {

    record Entry(int line, String input) {
    }

    private final List<Entry> entries = new ArrayList<>();

    synchronized void add(int line, String input) {
        entries.add(new Entry(line, input));
    }

    /** The last {@code n} entries, oldest first. */
    synchronized List<Entry> tail(int n) {
        int from = Math.max(0, entries.size() - Math.max(n, 0));
        return List.copyOf(entries.subList(from, entries.size()));
    }

    /** Entries whose input contains {@code pattern} (Jupyter's glob, with * meaning anything). */
    synchronized List<Entry> search(String pattern, int n) {
        String regex = ("\\Q" + pattern + "\\E").replace("*", "\\E.*\\Q").replace("?", "\\E.\\Q");
        List<Entry> hits = entries.stream().filter(e -> e.input().matches("(?s)" + regex)).toList();
        return hits.subList(Math.max(0, hits.size() - Math.max(n, 1)), hits.size());
    }

    synchronized List<Entry> range(int start, int stop) {
        return entries.stream().filter(e -> e.line() >= start && (stop <= 0 || e.line() < stop)).toList();
    }

    @Override
    public synchronized String toString() {
        return "History[" + entries.size() + " cells]";
    }
}
