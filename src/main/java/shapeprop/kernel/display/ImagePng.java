package shapeprop.kernel.display;

import javax.imageio.ImageIO;
import java.awt.image.RenderedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Base64;

/** An image as base64 PNG, the form Jupyter's {@code image/png} expects. */
public final class ImagePng {

    private ImagePng() {
    }

    public static String base64(RenderedImage image) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try {
            if (!ImageIO.write(image, "png", out)) {
                throw new IllegalArgumentException("ImageIO has no PNG writer for this image type: "
                        + image.getClass().getName() + "; convert it to a BufferedImage.TYPE_INT_ARGB first.");
            }
        } catch (IOException e) {
            throw new UncheckedIOException("Writing a PNG into memory failed", e);
        }
        return Base64.getEncoder().encodeToString(out.toByteArray());
    }

    public static MimeBundle bundle(RenderedImage image) {
        return MimeBundle.text("image " + image.getWidth() + "×" + image.getHeight())
                .put("image/png", base64(image))
                .putMetadata("image/png", java.util.Map.of("width", image.getWidth(), "height", image.getHeight()));
    }
}
