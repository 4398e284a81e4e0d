package shapeprop.kernel;

import com.google.gson.Gson;
import com.google.gson.GsonBuilder;
import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;

import java.util.List;
import java.util.Map;

/** Small helpers to build message contents with Gson. */
final class Json {

    // Non-finite numbers (a NaN loss in application/json) must not crash a reply.
    private static final Gson GSON = new GsonBuilder().serializeSpecialFloatingPointValues().disableHtmlEscaping().create();

    private Json() {
    }

    static JsonObject object(Object... keyValues) {
        JsonObject o = new JsonObject();
        for (int i = 0; i < keyValues.length; i += 2) {
            o.add((String) keyValues[i], tree(keyValues[i + 1]));
        }
        return o;
    }

    static JsonElement tree(Object value) {
        return value instanceof JsonElement e ? e : GSON.toJsonTree(value);
    }

    static JsonArray strings(List<String> values) {
        JsonArray a = new JsonArray();
        values.forEach(a::add);
        return a;
    }

    /** A MIME bundle's map: Strings stay strings, JSON types (Maps, Lists) become JSON. */
    static JsonObject map(Map<String, Object> map) {
        JsonObject o = new JsonObject();
        map.forEach((k, v) -> o.add(k, tree(v)));
        return o;
    }
}
