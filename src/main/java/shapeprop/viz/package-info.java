/**
 * Tables, figures and live progress for learners: what training did, shown so it can be seen at a glance.
 *
 * <h2>Tables (Tablesaw)</h2>
 * {@link shapeprop.viz.TraceTable}, {@link shapeprop.viz.HistoryTable}, {@link shapeprop.viz.GradientCheckTable},
 * {@link shapeprop.viz.ConfusionMatrix#table()} and {@link shapeprop.viz.ConfusionMatrix#perClassAccuracy()},
 * {@link shapeprop.viz.DatasetSummary}: each returns a {@code tech.tablesaw.api.Table}, which prints in a
 * terminal ({@code table.print()}) and renders as a styled HTML table in a notebook ({@link shapeprop.viz.TableHtml}).
 *
 * <h2>Figures (Plotly)</h2>
 * {@link shapeprop.viz.TrainingCurves} (loss, accuracy, gradient norms on a log axis),
 * {@link shapeprop.viz.DecisionBoundary}, {@link shapeprop.viz.DigitGrid}, {@link shapeprop.viz.WeightImages},
 * {@link shapeprop.viz.ConfusionMatrix#heatmap()}, {@link shapeprop.viz.ActivationHistogram}: each returns a
 * {@link shapeprop.viz.Plot}, plain data (traces and layout, in plotly.js 3's attribute names) that tests can
 * read. In a notebook it becomes an interactive figure drawn by plotly.js from the Maven Central webjar — no
 * CDN, no {@code require} — with a static PNG ({@link shapeprop.viz.PlotImage}) where scripts can't run; in
 * a terminal, {@code PlotImage.save(plot, path)} writes the PNG.
 *
 * <h2>Live progress</h2>
 * {@link shapeprop.viz.LiveProgress} listens to {@code Network.fit} and sends a {@link shapeprop.viz.ProgressView}
 * to any sink about once a second: in a notebook the kernel's {@code updateDisplay}, so one output is updated in
 * place.
 *
 * <h2>For the kernel</h2>
 * {@link shapeprop.viz.NotebookHtml#render(Object)} turns any of the above (and Tablesaw tables and figures,
 * {@code Trace}, {@code GradientCheck.Report}, {@code History}, {@code Dataset}) into a Jupyter mime bundle.
 * This package knows nothing of the kernel.
 */
package shapeprop.viz;
