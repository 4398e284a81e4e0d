package shapeprop.kernel.display;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

/**
 * One object shown several ways, keyed by MIME type ({@code text/plain}, {@code text/html}, {@code image/png}
 * as base64, {@code application/json} as a Map or List); the front-end picks the richest it can show.
 * Values are Strings, except JSON types whose values are Maps, Lists, numbers or booleans.
 */
public final class MimeBundle {

    private final Map<String, Object> data = new LinkedHashMap<>();
    private final Map<String, Object> metadata = new LinkedHashMap<>();

    public static MimeBundle text(String plain) {
        return new MimeBundle().put("text/plain", plain);
    }

    /** Adds a representation; null is refused (nbformat needs a string, and front-ends show nothing for it). */
    public MimeBundle put(String mime, Object value) {
        if (value == null) {
            throw new IllegalArgumentException("the " + mime + " representation is null: give its text (\"\" for "
                    + "nothing), or leave " + mime + " out of the bundle.");
        }
        data.put(mime, value);
        return this;
    }

    /** Per-MIME metadata, e.g. {@code image/png → {width: 300}}. */
    public MimeBundle putMetadata(String key, Object value) {
        metadata.put(key, value);
        return this;
    }

    public boolean has(String mime) {
        return data.containsKey(mime);
    }

    public Object get(String mime) {
        return data.get(mime);
    }

    public Set<String> mimeTypes() {
        return Collections.unmodifiableSet(data.keySet());
    }

    public Map<String, Object> data() {
        return Collections.unmodifiableMap(data);
    }

    public Map<String, Object> metadata() {
        return Collections.unmodifiableMap(metadata);
    }

    /**
     * Only the requested MIME types (IJava's {@code render(obj, "text/html")}); all of them when none are
     * asked for.
     */
    public MimeBundle only(String... mimes) {
        if (mimes == null || mimes.length == 0) {
            return this;
        }
        MimeBundle b = new MimeBundle();
        for (String mime : mimes) {
            if (data.containsKey(mime)) {
                b.put(mime, data.get(mime));
            }
        }
        b.metadata.putAll(metadata);
        return b;
    }

    @Override
    public String toString() {
        Object plain = data.get("text/plain");
        return plain != null ? plain.toString() : "MimeBundle" + data.keySet();
    }
}
