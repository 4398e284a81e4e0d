package shapeprop.kernel.display;

import shapeprop.matrix.Matrix;
import shapeprop.viz.NotebookHtml;
import tech.tablesaw.api.Table;

import java.awt.image.RenderedImage;
import java.util.Map;
import java.util.Optional;

/**
 * The one place where the kernel registers how ShapeProp and common library types look in a notebook.
 * Add a type here (or call {@code Renderers.global().register} from a notebook or library).
 */
public final class DefaultRenderers {

    private DefaultRenderers() {
    }

    static Renderers install(Renderers r) {
        r.register(MimeText.class, MimeText::bundle);
        r.register(Matrix.class, m -> MimeBundle.text(m.toString()).put("text/html", MatrixHtml.html(m)));
        r.register(Table.class, t -> MimeBundle.text(t.print()).put("text/html", TablesawHtml.html(t)));
        r.register(RenderedImage.class, ImagePng::bundle);
        installViz(r);
        return r;
    }

    /**
     * shapeprop.viz's views (Trace, GradientCheck reports, History, Plot and Tablesaw figures with offline
     * plotly.js, live progress, styled Tablesaw tables). One NotebookHtml per kernel session: it sends
     * plotly.js with the session's first figure only.
     */
    private static void installViz(Renderers r) {
        NotebookHtml viz = new NotebookHtml();
        r.onCellStarted(viz::cellStarted);
        for (Class<?> type : NotebookHtml.TYPES) {
            Renderer<Object> previous = r.exact(type);
            r.register(type, value -> {
                Optional<Map<String, String>> bundle = viz.render(value);
                if (bundle.isPresent()) {
                    MimeBundle b = new MimeBundle();
                    bundle.get().forEach(b::put);
                    return b;
                }
                return previous != null ? previous.render(value) : new MimeBundle();
            });
        }
    }
}
