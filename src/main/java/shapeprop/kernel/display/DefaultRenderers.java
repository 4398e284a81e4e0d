package shapeprop.kernel.display;

import shapeprop.matrix.Matrix;
import tech.tablesaw.api.Table;

import java.awt.image.RenderedImage;

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
        return r;
    }
}
