package shapeprop.kernel;

import com.google.gson.JsonObject;
import org.zeromq.SocketType;
import org.zeromq.ZMQ;
import shapeprop.kernel.protocol.ConnectionInfo;
import shapeprop.kernel.protocol.Message;
import shapeprop.kernel.protocol.RejectedMessageException;
import shapeprop.kernel.protocol.Session;
import shapeprop.kernel.protocol.Signer;
import shapeprop.kernel.protocol.WireFormat;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * The smallest Jupyter front end that drives a kernel the way a notebook does, for the class-data-sharing
 * training run ({@link KernelWarmup}): it connects to the kernel's shell, control, iopub and heartbeat
 * sockets over TCP, signs its requests with the connection file's key, and after each request waits for the
 * reply and for the kernel's idle status on iopub. Every wait is bounded; a kernel that does not answer
 * fails the run with a message naming the request.
 */
final class TrainingClient implements AutoCloseable {

    private final ZMQ.Context context = ZMQ.context(1);
    private final ZMQ.Socket shell;
    private final ZMQ.Socket control;
    private final ZMQ.Socket iopub;
    private final ZMQ.Socket heartbeat;
    private final WireFormat wire;
    private final Session session = new Session();
    private final int timeoutMillis;

    TrainingClient(ConnectionInfo info, Duration timeout) {
        this.wire = new WireFormat(new Signer(info.key()));
        this.timeoutMillis = Math.toIntExact(timeout.toMillis());
        this.shell = connect(SocketType.DEALER, info.address(info.shellPort()));
        this.control = connect(SocketType.DEALER, info.address(info.controlPort()));
        this.iopub = connect(SocketType.SUB, info.address(info.iopubPort()));
        iopub.subscribe(ZMQ.SUBSCRIPTION_ALL);
        this.heartbeat = connect(SocketType.REQ, info.address(info.hbPort()));
    }

    private ZMQ.Socket connect(SocketType type, String address) {
        ZMQ.Socket socket = context.socket(type);
        socket.setLinger(0);
        socket.setReceiveTimeOut(timeoutMillis);
        socket.connect(address);
        return socket;
    }

    /**
     * Waits until the kernel answers kernel_info and its iopub messages reach this client (a SUB socket
     * misses whatever was published before its subscription arrived), as jupyter_client does.
     */
    void awaitReady() {
        long deadline = System.nanoTime() + timeoutMillis * 1_000_000L;
        iopub.setReceiveTimeOut(200);
        try {
            while (System.nanoTime() < deadline) {
                Message request = send(shell, "kernel_info_request", new JsonObject());
                receive(shell, "kernel_info_reply", request);
                if (receiveFrames(iopub) != null) {
                    drainIopub();
                    return;
                }
            }
        } finally {
            iopub.setReceiveTimeOut(timeoutMillis);
        }
        throw new IllegalStateException("the kernel answered kernel_info but published nothing on iopub within "
                + timeoutMillis + " ms");
    }

    /** Executes a cell; returns the execute_reply's content (status ok, error or aborted). */
    JsonObject execute(String code) {
        return request("execute_request", Json.object("code", code, "silent", false, "store_history", true,
                "user_expressions", new JsonObject(), "allow_stdin", false, "stop_on_error", false));
    }

    /** Sends a shell request and returns its reply's content once the kernel is idle again. */
    JsonObject request(String type, JsonObject content) {
        Message request = send(shell, type, content);
        Message reply = receive(shell, type.replace("_request", "_reply"), request);
        awaitIdle(request);
        return reply.content();
    }

    /** One heartbeat round trip. */
    void ping() {
        heartbeat.send("ping");
        byte[] echo = heartbeat.recv();
        if (echo == null || !new String(echo, StandardCharsets.US_ASCII).equals("ping")) {
            throw new IllegalStateException("the kernel's heartbeat did not echo within " + timeoutMillis + " ms");
        }
    }

    /** Asks the kernel to shut down (control channel) without waiting: it ends its process right after. */
    void shutdown() {
        send(control, "shutdown_request", Json.object("restart", false));
    }

    private Message send(ZMQ.Socket socket, String type, JsonObject content) {
        Message message = session.create(type, null, content);
        List<byte[]> frames = wire.encode(message);
        for (int i = 0; i < frames.size() - 1; i++) {
            socket.sendMore(frames.get(i));
        }
        socket.send(frames.get(frames.size() - 1));
        return message;
    }

    private Message receive(ZMQ.Socket socket, String type, Message request) {
        List<byte[]> frames = receiveFrames(socket);
        if (frames == null) {
            throw new IllegalStateException("no " + type + " within " + timeoutMillis + " ms for "
                    + request.type() + " " + request.content());
        }
        Message reply = decode(frames);
        if (!reply.type().equals(type)) {
            throw new IllegalStateException("expected " + type + " for " + request.type() + ", got " + reply.type());
        }
        return reply;
    }

    /** Reads iopub until the kernel's idle status for {@code request}. */
    private void awaitIdle(Message request) {
        while (true) {
            List<byte[]> frames = receiveFrames(iopub);
            if (frames == null) {
                throw new IllegalStateException("the kernel did not go idle within " + timeoutMillis + " ms after "
                        + request.type());
            }
            Message m = decode(frames);
            if (m.type().equals("status") && request.id().equals(m.parentHeader().get("msg_id").getAsString())
                    && m.content().get("execution_state").getAsString().equals("idle")) {
                return;
            }
        }
    }

    private void drainIopub() {
        while (receiveFrames(iopub) != null) {
            // the start-up's status messages
        }
    }

    private static List<byte[]> receiveFrames(ZMQ.Socket socket) {
        byte[] first = socket.recv();
        if (first == null) {
            return null;
        }
        List<byte[]> frames = new ArrayList<>();
        frames.add(first);
        while (socket.hasReceiveMore()) {
            frames.add(socket.recv());
        }
        return frames;
    }

    private Message decode(List<byte[]> frames) {
        try {
            return wire.decode(frames);
        } catch (RejectedMessageException e) {
            throw new IllegalStateException("the kernel's message failed to verify with the connection key: "
                    + e.getMessage(), e);
        }
    }

    @Override
    public void close() {
        for (ZMQ.Socket socket : List.of(shell, control, iopub, heartbeat)) {
            socket.close();
        }
        context.term();
    }

    @Override
    public String toString() {
        return "TrainingClient[" + session + ", timeout " + timeoutMillis + " ms]";
    }
}
