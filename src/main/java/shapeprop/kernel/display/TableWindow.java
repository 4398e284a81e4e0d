package shapeprop.kernel.display;

/**
 * Which rows or columns of a large table to show: all of them when few, else the first and last few with
 * a gap (-1) between, the way numpy and pandas truncate.
 */
final class TableWindow {

    private TableWindow() {
    }

    static int[] indices(int n, int max, int edge) {
        if (n <= max) {
            int[] all = new int[n];
            for (int i = 0; i < n; i++) {
                all[i] = i;
            }
            return all;
        }
        int[] picked = new int[2 * edge + 1];
        for (int i = 0; i < edge; i++) {
            picked[i] = i;
            picked[edge + 1 + i] = n - edge + i;
        }
        picked[edge] = -1;
        return picked;
    }
}
