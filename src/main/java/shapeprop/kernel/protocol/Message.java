package shapeprop.kernel.protocol;

import com.google.gson.JsonObject;

import java.util.List;

/**
 * One Jupyter message: the routing identities it came with (so a reply finds its way back), the header
 * (id, type, session, date), the header of the request it answers, metadata, content and binary buffers.
 */
public record Message(List<byte[]> identities, JsonObject header, JsonObject parentHeader, JsonObject metadata,
                      JsonObject content, List<byte[]> buffers) {

    public String type() {
        return header.has("msg_type") ? header.get("msg_type").getAsString() : "";
    }

    public String id() {
        return header.has("msg_id") ? header.get("msg_id").getAsString() : "";
    }

    /** A string field of the content, or the fallback when absent. */
    public String text(String field, String fallback) {
        return content.has(field) && content.get(field).isJsonPrimitive() ? content.get(field).getAsString() : fallback;
    }

    public boolean flag(String field, boolean fallback) {
        return content.has(field) && content.get(field).isJsonPrimitive() ? content.get(field).getAsBoolean() : fallback;
    }

    public int number(String field, int fallback) {
        return content.has(field) && content.get(field).isJsonPrimitive() ? content.get(field).getAsInt() : fallback;
    }

    @Override
    public String toString() {
        return "Message[" + type() + " " + id() + " " + content + "]";
    }
}
