package shapeprop.kernel;

import com.google.gson.JsonArray;
import com.google.gson.JsonObject;

/** The kernel_info_reply: who this kernel is and which language it speaks. */
final class KernelInfo {

    static final String VERSION = "0.1.0";

    private KernelInfo() {
    }

    static JsonObject content() {
        String java = String.valueOf(Runtime.version().feature());
        JsonObject language = Json.object("name", "java", "version", Runtime.version().toString(),
                "mimetype", "text/x-java-source", "file_extension", ".jshell", "pygments_lexer", "java",
                "codemirror_mode", "java");
        JsonArray links = new JsonArray();
        links.add(Json.object("text", "ShapeProp", "url", "https://github.com/shapeprop/shapeprop"));
        links.add(Json.object("text", "JShell guide",
                "url", "https://docs.oracle.com/en/java/javase/" + java + "/jshell/introduction-jshell.html"));
        links.add(Json.object("text", "Java API", "url", "https://docs.oracle.com/en/java/javase/" + java + "/docs/api/"));
        return Json.object("status", "ok", "protocol_version", "5.3", "implementation", "shapeprop",
                "implementation_version", VERSION, "language_info", language,
                "banner", "ShapeProp kernel " + VERSION + " on Java " + Runtime.version()
                        + " (JShell). Backprop shape by shape: Matrix, Network and display(...) are ready.",
                "help_links", links);
    }
}
