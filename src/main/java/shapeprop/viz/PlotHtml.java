package shapeprop.viz;

import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The HTML of one interactive figure: a {@code <div>} holding the static PNG (what a reader sees where
 * scripts don't run), optionally the plotly.js loader, and a script that draws the figure into the div as
 * soon as {@code window.Plotly} exists, replacing the PNG.
 */
final class PlotHtml {

    private static final AtomicLong COUNTER = new AtomicLong();
    private static final Pattern SCRIPT = Pattern.compile("(?s)<script>(.*)</script>");

    private PlotHtml() {
    }

    /** A ShapeProp {@link Plot}; {@code pngBase64} is its static image. */
    static String of(Plot plot, String pngBase64, boolean withLibrary) {
        String id = newId();
        String draw = "Plotly.newPlot(div, fig.data, fig.layout, {displaylogo: false, responsive: true})";
        return page(id, plot.width(), plot.height(), plot.title(), pngBase64, withLibrary,
                "var fig = " + plot.toJson() + ";\n", draw);
    }

    /**
     * A figure built with Tablesaw's own plot API ({@code tech.tablesaw.plotly.components.Figure}). Its
     * script targets an older plotly.js, which took titles as strings; the shim below upgrades those to
     * plotly.js 3's {@code {text: ...}} objects before drawing.
     */
    static String of(tech.tablesaw.plotly.components.Figure figure, boolean withLibrary) {
        String id = newId();
        Matcher m = SCRIPT.matcher(figure.asJavascript(id));
        String body = m.find() ? m.group(1) : figure.asJavascript(id);
        String prelude = """
                var upgrade = function (o) {
                  if (!o || typeof o !== 'object') { return; }
                  if (typeof o.title === 'string') { o.title = {text: o.title}; }
                  if (o.titlefont) { o.title = Object.assign(o.title || {}, {font: o.titlefont}); delete o.titlefont; }
                  Object.keys(o).forEach(function (k) { if (/^[xyz]axis\\d*$/.test(k)) { upgrade(o[k]); } });
                };
                var tablesaw = function (Plotly, div) {
                """ + body + """
                };
                """;
        String draw = "tablesaw({newPlot: function (target, data, layout, config) {"
                + " upgrade(layout); return window.Plotly.newPlot(div, data, layout, config); }}, div)";
        return page(id, 720, 440, "Tablesaw figure", null, withLibrary, prelude, draw);
    }

    private static String page(String id, int width, int height, String title, String pngBase64,
            boolean withLibrary, String prelude, String drawCall) {
        StringBuilder html = new StringBuilder();
        html.append("<div id=\"").append(id).append("\" class=\"shapeprop-plot\" style=\"width:").append(width)
                .append("px;min-height:").append(height).append("px\">");
        if (pngBase64 != null) {
            html.append("<img class=\"shapeprop-static\" alt=\"").append(Html.escape(title))
                    .append(" (static image: the interactive plot needs JavaScript)\" src=\"data:image/png;base64,")
                    .append(pngBase64).append("\">");
        } else {
            html.append("<p class=\"shapeprop-static\">").append(Html.escape(title))
                    .append(": the interactive plot appears here when JavaScript runs.</p>");
        }
        html.append("</div>\n");
        if (withLibrary) {
            html.append("<script>").append(PlotlyJs.loaderScript()).append("</script>\n");
        }
        html.append("<script>\n(function () {\n")
                .append("var id = '").append(id).append("';\n")
                .append("var self = document.currentScript;\n")
                .append(prelude)
                .append("""
                        function find() {
                          return document.getElementById(id)
                              || (self && self.parentNode && self.parentNode.querySelector('[id="' + id + '"]'));
                        }
                        function draw() {
                          var div = find();
                          if (!div || !window.Plotly) { return; }
                          var still = div.querySelector('.shapeprop-static');
                          Promise.resolve(%s).then(function () { if (still) { still.remove(); } });
                        }
                        if (window.Plotly) { draw(); }
                        else { window.addEventListener('%s', draw, {once: true}); }
                        })();
                        </script>
                        """.formatted(drawCall, PlotlyJs.READY_EVENT));
        return html.toString();
    }

    private static String newId() {
        // letters, digits and _ only: Tablesaw also uses the id as a JavaScript variable name
        return "shapeprop_plot_" + Long.toHexString(System.nanoTime()) + "_" + COUNTER.incrementAndGet();
    }
}
