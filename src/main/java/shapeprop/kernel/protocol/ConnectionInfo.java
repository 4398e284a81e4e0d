package shapeprop.kernel.protocol;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The connection file Jupyter writes before it starts a kernel: where the five sockets listen and the key
 * that signs every message.
 */
public record ConnectionInfo(String transport, String ip, int shellPort, int controlPort, int iopubPort,
                             int stdinPort, int hbPort, String signatureScheme, String key) {

    public static ConnectionInfo read(Path file) throws IOException {
        if (!Files.isReadable(file)) {
            throw new IOException("Cannot read the connection file " + file
                    + ": Jupyter passes it as the kernel's argument ({connection_file} in kernel.json).");
        }
        return parse(Files.readString(file, StandardCharsets.UTF_8));
    }

    public static ConnectionInfo parse(String json) {
        JsonObject o = JsonParser.parseString(json).getAsJsonObject();
        String scheme = o.has("signature_scheme") ? o.get("signature_scheme").getAsString() : "hmac-sha256";
        if (!scheme.equals("hmac-sha256")) {
            throw new IllegalArgumentException("Unsupported signature_scheme " + scheme
                    + " in the connection file: this kernel signs with hmac-sha256 (Jupyter's default).");
        }
        return new ConnectionInfo(
                o.has("transport") ? o.get("transport").getAsString() : "tcp",
                o.get("ip").getAsString(),
                o.get("shell_port").getAsInt(), o.get("control_port").getAsInt(), o.get("iopub_port").getAsInt(),
                o.get("stdin_port").getAsInt(), o.get("hb_port").getAsInt(),
                scheme, o.has("key") ? o.get("key").getAsString() : "");
    }

    /** The ZeroMQ address to bind for a port: {@code tcp://127.0.0.1:5555} or {@code ipc://path-5555}. */
    public String address(int port) {
        return transport.equals("ipc") ? "ipc://" + ip + "-" + port : transport + "://" + ip + ":" + port;
    }

    @Override
    public String toString() {
        return "ConnectionInfo[" + transport + "://" + ip + " shell=" + shellPort + " control=" + controlPort
                + " iopub=" + iopubPort + " stdin=" + stdinPort + " hb=" + hbPort
                + " key=" + (key.isEmpty() ? "none" : "(" + key.length() + " chars)") + "]";
    }
}
