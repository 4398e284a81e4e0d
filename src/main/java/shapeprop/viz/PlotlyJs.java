package shapeprop.viz;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Properties;
import java.util.zip.GZIPOutputStream;

/**
 * plotly.js as shipped in the Maven Central webjar {@code org.webjars.npm:plotly.js-dist}: no CDN, no
 * {@code require}. {@link #loaderScript()} is the one script a notebook needs (it is put into the first
 * figure's output): it carries the library gzip-compressed (1.9 MB instead of 10.8 MB, 2.6 MB as
 * base64), unpacks it with the browser's {@code DecompressionStream}, defines {@code window.Plotly} if no
 * output has yet, and then fires the {@code shapeprop:plotly} event that every figure waits for.
 */
public final class PlotlyJs {

    private static final String WEBJAR = "META-INF/resources/webjars/plotly.js-dist/";
    private static final String POM = "META-INF/maven/org.webjars.npm/plotly.js-dist/pom.properties";

    /** The event a figure waits for when its script runs before the library is ready. */
    static final String READY_EVENT = "shapeprop:plotly";

    private static volatile String loader;

    private PlotlyJs() {
    }

    /** The plotly.js version in the webjar on the classpath, e.g. {@code 3.0.1}. */
    public static String version() {
        try (InputStream in = resource(POM)) {
            Properties p = new Properties();
            p.load(in);
            return p.getProperty("version");
        } catch (IOException e) {
            throw new UncheckedIOException("Could not read " + POM, e);
        }
    }

    /** The plain plotly.js source (about 10.8 MB). */
    public static String source() {
        String path = WEBJAR + version() + "/plotly.js";
        try (InputStream in = resource(path)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("Could not read " + path, e);
        }
    }

    /**
     * The contents of a {@code <script>} element that defines {@code window.Plotly} once per page, from the
     * library embedded in it. Computed once per JVM (gzip of 10.8 MB takes a moment) and cached.
     */
    public static String loaderScript() {
        String s = loader;
        if (s == null) {
            synchronized (PlotlyJs.class) {
                if (loader == null) {
                    loader = buildLoader();
                }
                s = loader;
            }
        }
        return s;
    }

    /**
     * Builds the loader on a background daemon thread, so that the first figure doesn't wait for it; a
     * kernel calls this once it has started.
     */
    public static void prepareInBackground() {
        Thread t = new Thread(PlotlyJs::loaderScript, "shapeprop-plotly-loader");
        t.setDaemon(true);
        t.setPriority(Thread.MIN_PRIORITY);
        t.start();
    }

    private static String buildLoader() {
        String gz = Base64.getEncoder().encodeToString(gzip(source().getBytes(StandardCharsets.UTF_8)));
        // The library is run inside a function whose module/exports/define are undefined, so that it sets
        // window.Plotly even where a module loader (RequireJS in the classic Notebook) is on the page.
        return """
                (function () {
                  var w = window;
                  if (w.Plotly || w.__shapepropPlotly) { return; }
                  if (typeof DecompressionStream === 'undefined') {
                    console.warn('ShapeProp: this browser has no DecompressionStream; figures stay static images.');
                    return;
                  }
                  w.__shapepropPlotly = 'loading';
                  var bin = atob('%s');
                  var bytes = new Uint8Array(bin.length);
                  for (var i = 0; i < bin.length; i++) { bytes[i] = bin.charCodeAt(i); }
                  var stream = new Blob([bytes]).stream().pipeThrough(new DecompressionStream('gzip'));
                  new Response(stream).text().then(function (code) {
                    var s = document.createElement('script');
                    s.textContent = '(function (module, exports, define) {\\n' + code + '\\n})();';
                    document.head.appendChild(s);
                    w.__shapepropPlotly = w.Plotly ? 'ready' : 'failed';
                    w.dispatchEvent(new Event('%s'));
                  }).catch(function (e) {
                    w.__shapepropPlotly = undefined;
                    console.error('ShapeProp: could not unpack plotly.js; figures stay static images.', e);
                  });
                })();
                """.formatted(gz, READY_EVENT);
    }

    private static byte[] gzip(byte[] bytes) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(bytes.length / 4);
        // the default level: 1.92 MB in ~0.8 s here; level 9 saves 1% and takes three times as long
        try (GZIPOutputStream z = new GZIPOutputStream(out, 1 << 16)) {
            z.write(bytes);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }

    private static InputStream resource(String path) throws IOException {
        InputStream in = PlotlyJs.class.getClassLoader().getResourceAsStream(path);
        if (in == null) {
            throw new IOException(path + " is not on the classpath; add the Maven dependency"
                    + " org.webjars.npm:plotly.js-dist (it ships plotly.js for offline figures).");
        }
        return in;
    }
}
