package shapeprop.viz;

import java.util.Locale;

/**
 * One moment of training, as {@link LiveProgress} reports it: where it is (epoch, step), how it goes (loss,
 * accuracy) and how long it will take (rate, ETA), with the loss curve so far. Prints as one terminal line;
 * {@link #html()} is the notebook output that is updated in place (a bar, the numbers and a small loss
 * curve, no scripts).
 *
 * @param epoch         the current epoch, from 1 (0 before training starts)
 * @param epochs        epochs in the run
 * @param step          steps done, from 0
 * @param totalSteps    steps in the run
 * @param loss          mean loss over the current epoch's steps so far (NaN before the first step)
 * @param trainAccuracy training accuracy of the last finished epoch (NaN before the first ends)
 * @param testAccuracy  test accuracy of the last finished epoch (NaN when none)
 * @param stepsPerSecond steps per second since training started
 * @param elapsedSeconds seconds since the first step
 * @param done           true once the last epoch has ended (its test accuracy measured)
 * @param interrupted    true when fit was interrupted: this is the run's final view
 * @param warning        what doesn't match between the run and how its LiveProgress was made, or null
 * @param curveSteps     step numbers of the loss curve (averaged over buckets of steps)
 * @param curveLosses    the loss curve's values
 */
public record ProgressView(int epoch, int epochs, long step, long totalSteps, double loss, double trainAccuracy,
                           double testAccuracy, double stepsPerSecond, double elapsedSeconds, boolean done,
                           boolean interrupted, String warning, double[] curveSteps, double[] curveLosses) {

    /** Width of the text progress bar in characters. */
    static final int BAR = 24;

    /** Width of one character of the loss curve's labels (10 px monospace), a little generously. */
    static final double LABEL_CHAR_PX = 6.4;

    /** The fraction of steps done, 0 to 1 (1 once done). */
    public double fraction() {
        return done ? 1 : totalSteps <= 0 ? 0 : Math.min(1, (double) step / totalSteps);
    }

    /** Seconds left at the current rate; NaN before the rate is known or when the totals are wrong. */
    public double etaSeconds() {
        return stepsPerSecond > 0 && warning == null ? (totalSteps - step) / stepsPerSecond : Double.NaN;
    }

    /** {@code epoch 2/5}, or {@code epoch 7} when the run outgrew its totals (the warning says why). */
    private String where() {
        return warning == null ? "epoch " + epoch + "/" + epochs : "epoch " + epoch;
    }

    /** {@code step 1787/4690}, or {@code step 60} when the run outgrew its totals. */
    private String steps() {
        return warning == null ? "step " + step + "/" + totalSteps : "step " + step;
    }

    /** How it ended, or how long is left: {@code done in 0:20}, {@code interrupted in epoch 7 after 0:12 ...}. */
    private String state() {
        if (interrupted) {
            int finished = Math.max(0, epoch - 1);
            return "interrupted in epoch " + epoch + " after " + Format.duration(elapsedSeconds) + " ("
                    + (finished == 0 ? "no epoch" : finished == 1 ? "1 epoch" : finished + " epochs") + " finished)";
        }
        if (done) {
            return "done in " + Format.duration(elapsedSeconds);
        }
        return warning == null ? "ETA " + Format.duration(etaSeconds()) : "running for " + Format.duration(elapsedSeconds);
    }

    /**
     * {@code epoch 2/5 [#########---------------]  38% step 1787/4690 loss 0.2811 train 91.3% test 92.0%
     * 1520 steps/s ETA 0:02}.
     */
    @Override
    public String toString() {
        int filled = (int) Math.round(fraction() * BAR);
        StringBuilder s = new StringBuilder();
        s.append(where()).append(" [").append("#".repeat(filled)).append("-".repeat(BAR - filled)).append("] ")
                .append(String.format(Locale.ROOT, "%3.0f%%", 100 * fraction())).append(' ').append(steps());
        if (Double.isFinite(loss)) {
            s.append(" loss ").append(Format.number(loss));
        }
        if (Double.isFinite(trainAccuracy)) {
            s.append(" train ").append(Format.percent(trainAccuracy));
        }
        if (Double.isFinite(testAccuracy)) {
            s.append(" test ").append(Format.percent(testAccuracy));
        }
        if (stepsPerSecond > 0) {
            s.append(String.format(Locale.ROOT, " %.0f steps/s", stepsPerSecond));
        }
        s.append(' ').append(state());
        if (warning != null) {
            s.append(" — ").append(warning);
        }
        return s.toString();
    }

    /** The notebook view: a progress bar, the numbers, and the loss curve as an inline SVG. */
    public String html() {
        String colour = interrupted || warning != null ? Palette.WARN : done ? Palette.GOOD : Palette.series(0);
        StringBuilder h = new StringBuilder();
        h.append("<div class=\"shapeprop-progress\" style=\"font-family:ui-monospace,SFMono-Regular,Menlo,")
                .append("Consolas,monospace;font-size:12.5px;max-width:640px\">");
        h.append("<div style=\"display:flex;align-items:center;gap:10px\">")
                .append("<span>").append(where()).append("</span>")
                .append("<div style=\"flex:1;height:12px;background:#e8e8e8;border-radius:6px;overflow:hidden\">")
                .append("<div style=\"height:100%;width:")
                .append(String.format(Locale.ROOT, "%.1f", 100 * fraction())).append("%;background:").append(colour)
                .append("\"></div></div><span>").append(String.format(Locale.ROOT, "%.0f%%", 100 * fraction()))
                .append("</span></div>");
        h.append("<div style=\"margin-top:4px;color:#333\">").append(steps());
        if (Double.isFinite(loss)) {
            h.append(" · loss <b>").append(Format.number(loss)).append("</b>");
        }
        if (Double.isFinite(trainAccuracy)) {
            h.append(" · train ").append(Format.percent(trainAccuracy));
        }
        if (Double.isFinite(testAccuracy)) {
            h.append(" · test ").append(Format.percent(testAccuracy));
        }
        if (stepsPerSecond > 0) {
            h.append(String.format(Locale.ROOT, " · %.0f steps/s", stepsPerSecond));
        }
        h.append(" · ");
        if (interrupted || done) {
            h.append("<b style=\"color:").append(colour).append("\">").append(Html.escape(state())).append("</b>");
        } else {
            h.append(Html.escape(state()));
        }
        h.append("</div>");
        if (warning != null) {
            h.append("<div class=\"shapeprop-warning\" style=\"margin-top:4px;color:").append(Palette.WARN)
                    .append(";font-weight:600\">⚠ ").append(Html.escape(warning)).append("</div>");
        }
        if (curveLosses.length >= 2) {
            h.append(sparkline());
        }
        h.append("</div>");
        return h.toString();
    }

    /** The loss curve as a 600×120 SVG polyline with its range written at the left. */
    private String sparkline() {
        int w = 600;
        int hgt = 120;
        double lo = Double.POSITIVE_INFINITY;
        double hi = Double.NEGATIVE_INFINITY;
        for (double v : curveLosses) {
            if (Double.isFinite(v)) {
                lo = Math.min(lo, v);
                hi = Math.max(hi, v);
            }
        }
        if (!(hi > lo)) {
            hi = lo + 1;
        }
        String top = Format.number(hi);
        String bottom = Format.number(lo);
        // room for the longer range label (3.279e+09) at 10 px: about 6 px a character in monospace
        int left = Math.max(40, 8 + (int) Math.ceil(LABEL_CHAR_PX * Math.max(top.length(), bottom.length())));
        double x0 = curveSteps[0];
        double x1 = Math.max(curveSteps[curveSteps.length - 1], x0 + 1);
        StringBuilder points = new StringBuilder();
        for (int i = 0; i < curveLosses.length; i++) {
            if (Double.isFinite(curveLosses[i])) {
                double x = left + (curveSteps[i] - x0) / (x1 - x0) * (w - left - 6);
                double y = 6 + (hi - curveLosses[i]) / (hi - lo) * (hgt - 24);
                points.append(String.format(Locale.ROOT, "%.1f,%.1f ", x, y));
            }
        }
        return "<svg class=\"shapeprop-loss-curve\" width=\"" + w + "\" height=\"" + hgt + "\" viewBox=\"0 0 " + w
                + " " + hgt + "\" style=\"margin-top:6px\"><rect x=\"" + left + "\" y=\"0\" width=\"" + (w - left)
                + "\" height=\"" + (hgt - 16) + "\" fill=\"#fafafa\" stroke=\"#ddd\"/>"
                + "<text x=\"" + (left - 4) + "\" y=\"12\" text-anchor=\"end\" font-size=\"10\">"
                + top + "</text><text x=\"" + (left - 4) + "\" y=\"" + (hgt - 18)
                + "\" text-anchor=\"end\" font-size=\"10\">" + bottom + "</text>"
                + "<text x=\"" + left + "\" y=\"" + (hgt - 3) + "\" font-size=\"10\">loss by step (0 – "
                + (long) x1 + ")</text><polyline fill=\"none\" stroke=\"" + Palette.series(0)
                + "\" stroke-width=\"1.5\" points=\"" + points.toString().trim() + "\"/></svg>";
    }
}
