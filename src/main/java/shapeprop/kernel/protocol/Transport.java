package shapeprop.kernel.protocol;

import org.zeromq.SocketType;
import org.zeromq.ZMQ;
import org.zeromq.ZMQException;
import zmq.ZError;

import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * The kernel's five ZeroMQ sockets, bound to the ports of the connection file. Receiving blocks in ZeroMQ
 * itself (no polling sleeps), so a request is handled the moment it arrives.
 *
 * <p>Threads: the shell thread owns the shell socket, the control thread the control socket, the heartbeat
 * thread its socket; IOPub and stdin are used from several threads and are guarded by locks.
 */
public final class Transport {

    /** Which socket a message came from or goes to. */
    public enum Channel { SHELL, CONTROL, STDIN }

    private final ZMQ.Context context;
    private final ZMQ.Socket shell;
    private final ZMQ.Socket control;
    private final ZMQ.Socket iopub;
    private final ZMQ.Socket stdin;
    private final ZMQ.Socket heartbeat;
    private final WireFormat wire;
    private final Session session;
    private final PrintStream log;
    private final Object iopubLock = new Object();
    private final Object stdinLock = new Object();
    private List<byte[]> unansweredPing; // heartbeat thread only

    public Transport(ConnectionInfo info, PrintStream log) {
        this.log = log;
        this.wire = new WireFormat(new Signer(info.key()));
        this.session = new Session();
        this.context = ZMQ.context(1);
        // Before the first socket starts ZeroMQ's threads: they must outlive a cell that fills the heap.
        context.setThreadFactor((runnable, name) -> {
            Thread t = new Thread(() -> surviveOutOfMemory(runnable, name, log), name);
            t.setDaemon(true);
            return t;
        });
        this.shell = bind(SocketType.ROUTER, info.address(info.shellPort()));
        this.control = bind(SocketType.ROUTER, info.address(info.controlPort()));
        this.iopub = bind(SocketType.PUB, info.address(info.iopubPort()));
        this.stdin = bind(SocketType.ROUTER, info.address(info.stdinPort()));
        this.heartbeat = bind(SocketType.REP, info.address(info.hbPort()));
    }

    /**
     * Runs {@code loop} (a thread's whole life) again after an OutOfMemoryError. A cell that fills the heap
     * gets its OutOfMemoryError, but a kernel thread that allocates a few bytes at that moment may get one
     * too; if that thread is ZeroMQ's I/O thread and it dies, the kernel lives on but can never be reached
     * again. The loops keep their state in fields, so re-entering them carries on where they were.
     */
    public static void surviveOutOfMemory(Runnable loop, String name, PrintStream log) {
        while (true) {
            try {
                loop.run();
                return;
            } catch (OutOfMemoryError e) {
                try {
                    log.println("[shapeprop kernel] " + name + " hit " + e + " (a cell filled the heap); carrying on");
                } catch (OutOfMemoryError stillFull) {
                    // Nothing to say it with; carry on regardless.
                }
            }
        }
    }

    private ZMQ.Socket bind(SocketType type, String address) {
        ZMQ.Socket s = context.socket(type);
        // Pending messages (a shutdown_reply) still go out when the socket closes, but never delay exit long.
        s.setLinger(200);
        try {
            s.bind(address);
        } catch (ZMQException e) {
            throw new IllegalStateException("Cannot listen on " + address + " (" + e.getMessage()
                    + "): another process holds the port; let Jupyter write a fresh connection file.", e);
        }
        return s;
    }

    public Session session() {
        return session;
    }

    /**
     * The next valid message on {@code channel}, blocking until one arrives; null once the transport is
     * closing. Malformed, unsigned and wrongly signed messages are logged and dropped, and the wait goes on.
     */
    public Message receive(Channel channel) {
        ZMQ.Socket socket = socket(channel);
        while (true) {
            List<byte[]> frames = receiveFrames(socket, 0);
            if (frames == null) {
                if (channel == Channel.SHELL) {
                    shell.close(); // the context is terminating and waits for every socket to close
                }
                return null;
            }
            Message m = decodeOrDrop(frames, channel);
            if (m != null) {
                return m;
            }
        }
    }

    /** A message already waiting on {@code channel}, or null if none is (never blocks). */
    public Message receiveWaiting(Channel channel) {
        ZMQ.Socket socket = socket(channel);
        while (true) {
            List<byte[]> frames = receiveFrames(socket, ZMQ.DONTWAIT);
            if (frames == null) {
                return null;
            }
            Message m = decodeOrDrop(frames, channel);
            if (m != null) {
                return m;
            }
        }
    }

    /**
     * A message on stdin within {@code timeoutMillis}, or null if none arrived (or closing). Used by the
     * notebook's System.in, which must also notice interrupts while it waits.
     */
    public Message receiveStdin(int timeoutMillis) {
        synchronized (stdinLock) {
            stdin.setReceiveTimeOut(timeoutMillis);
            List<byte[]> frames = receiveFrames(stdin, 0);
            return frames == null ? null : decodeOrDrop(frames, Channel.STDIN);
        }
    }

    /** The message in {@code frames}, or null after logging why it is dropped (malformed, forged, unsigned). */
    private Message decodeOrDrop(List<byte[]> frames, Channel channel) {
        try {
            return wire.decode(frames);
        } catch (RejectedMessageException e) {
            log.println("[shapeprop kernel] dropped a message on " + channel + ": " + e.getMessage());
            return null;
        }
    }

    private List<byte[]> receiveFrames(ZMQ.Socket socket, int flags) {
        try {
            byte[] first = socket.recv(flags);
            if (first == null) {
                return null;
            }
            List<byte[]> frames = new ArrayList<>(8);
            frames.add(first);
            while (socket.hasReceiveMore()) {
                frames.add(socket.recv(0));
            }
            return frames;
        } catch (ZMQException e) {
            if (e.getErrorCode() == ZError.ETERM || e.getErrorCode() == ZError.EINTR) {
                return null;
            }
            throw e;
        } catch (IllegalStateException e) {
            return null; // socket closed under us during shutdown
        }
    }

    /** Sends a reply on the socket its request came from. */
    public void send(Channel channel, Message message) {
        ZMQ.Socket socket = socket(channel);
        if (channel == Channel.STDIN) {
            synchronized (stdinLock) {
                sendFrames(socket, wire.encode(message));
            }
        } else {
            sendFrames(socket, wire.encode(message));
        }
    }

    /** Broadcasts on IOPub; the topic frame names the message type, as ipykernel does. */
    public void publish(Message message) {
        Message topical = new Message(List.of(("kernel." + session.id() + "." + message.type())
                .getBytes(StandardCharsets.UTF_8)), message.header(), message.parentHeader(),
                message.metadata(), message.content(), message.buffers());
        List<byte[]> frames = wire.encode(topical);
        synchronized (iopubLock) {
            sendFrames(iopub, frames);
        }
    }

    /**
     * Sends a multipart message. A cell's thread may carry the kernel's interrupt (a display() from a training
     * listener while fit is being stopped): jeromq refuses a send on an interrupted thread with EINTR, clearing the
     * flag, and the learner's display call would throw instead of fit ending with its TrainingInterruptedException.
     * So the send runs with the flag cleared, a frame an interrupt refused is sent again (it was not queued), and the
     * flag is set again afterwards for the cell's code to see.
     */
    static void sendFrames(ZMQ.Socket socket, List<byte[]> frames) {
        boolean interrupted = Thread.interrupted();
        try {
            for (int i = 0; i < frames.size(); i++) {
                int flags = i < frames.size() - 1 ? ZMQ.SNDMORE : 0;
                while (true) {
                    try {
                        socket.send(frames.get(i), flags);
                        break;
                    } catch (ZMQException e) {
                        if (e.getErrorCode() != ZError.EINTR) {
                            throw e;
                        }
                        interrupted = true;
                    }
                }
            }
        } finally {
            if (interrupted) {
                Thread.currentThread().interrupt();
            }
        }
    }

    /** Echoes heartbeat pings until the transport closes; Jupyter's way to see the kernel is alive. */
    public Thread startHeartbeat() {
        Thread t = new Thread(() -> surviveOutOfMemory(this::echoHeartbeats, "shapeprop-heartbeat", log),
                "shapeprop-heartbeat");
        t.setDaemon(true);
        t.start();
        return t;
    }

    /** Echoes pings; a ping received but not yet answered (an OutOfMemoryError came between) is answered first. */
    private void echoHeartbeats() {
        while (true) {
            if (unansweredPing == null) {
                unansweredPing = receiveFrames(heartbeat, 0);
                if (unansweredPing == null) {
                    break;
                }
            }
            try {
                sendFrames(heartbeat, unansweredPing);
                unansweredPing = null;
            } catch (ZMQException | IllegalStateException e) {
                break;
            }
        }
        heartbeat.close();
    }

    private ZMQ.Socket socket(Channel channel) {
        return switch (channel) {
            case SHELL -> shell;
            case CONTROL -> control;
            case STDIN -> stdin;
        };
    }

    /**
     * Closes every socket, letting queued messages (the shutdown reply) go out first, and stops the threads
     * blocked in receive. Called once, from the control thread.
     */
    public void close() {
        synchronized (iopubLock) {
            iopub.close();
        }
        control.close();
        synchronized (stdinLock) {
            stdin.close();
        }
        // Terminating the context sends what is queued, then wakes the shell and heartbeat threads with
        // ETERM so they close their sockets. A shell thread stuck in a cell cannot; don't wait for it long.
        Thread closer = new Thread(context::term, "shapeprop-zmq-term");
        closer.setDaemon(true);
        closer.start();
        try {
            closer.join(150);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public String toString() {
        return "Transport[" + wire + ", " + session + "]";
    }
}
