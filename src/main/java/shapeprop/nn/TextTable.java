package shapeprop.nn;

import java.util.List;

/** Aligns rows of text cells into columns for the terminal (two spaces apart, no trailing spaces). */
final class TextTable {

    private TextTable() {
    }

    static String format(List<List<String>> rows) {
        int columns = rows.stream().mapToInt(List::size).max().orElse(0);
        int[] width = new int[columns];
        for (List<String> row : rows) {
            for (int c = 0; c < row.size(); c++) {
                width[c] = Math.max(width[c], length(row.get(c)));
            }
        }
        StringBuilder out = new StringBuilder();
        for (List<String> row : rows) {
            StringBuilder line = new StringBuilder();
            for (int c = 0; c < row.size(); c++) {
                String cell = row.get(c);
                line.append(cell);
                if (c < row.size() - 1) {
                    line.append(" ".repeat(width[c] - length(cell) + 2));
                }
            }
            out.append(line.toString().stripTrailing()).append('\n');
        }
        return out.toString();
    }

    /** Printed width: code points, so σ, ᵀ, · and ✓ count as one column each. */
    static int length(String s) {
        return s.codePointCount(0, s.length());
    }
}
