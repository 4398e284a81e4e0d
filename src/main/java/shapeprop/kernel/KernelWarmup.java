package shapeprop.kernel;

import shapeprop.kernel.display.Renderers;
import shapeprop.kernel.eval.Evaluator;
import shapeprop.kernel.protocol.Message;
import shapeprop.kernel.protocol.RejectedMessageException;
import shapeprop.kernel.protocol.Session;
import shapeprop.kernel.protocol.Signer;
import shapeprop.kernel.protocol.WireFormat;
import org.zeromq.SocketType;
import org.zeromq.ZMQ;

import java.util.List;

/**
 * A training run for class-data sharing: does what a kernel session does (JShell start-up, a few cells,
 * completion, rendering, signed ZeroMQ messages) and exits normally, so that
 * {@code java -XX:ArchiveClassesAtExit=shapeprop.jsa -cp … shapeprop.kernel.KernelWarmup} archives every
 * class the kernel needs and later starts map them instead of loading them one by one.
 */
public final class KernelWarmup {

    private KernelWarmup() {
    }

    public static void main(String[] args) throws Exception {
        System.setProperty("java.awt.headless", "true");
        long t0 = System.nanoTime();
        try (Evaluator evaluator = EvaluatorStartup.create(System.err)) {
            for (String cell : List.of("1+1", "int x = 3;", "String s = \"a\" + x;\ns.length()",
                    "Matrix.zeros(2, 3)", "class Box { int v; }", "void hello() { System.out.print(\"\"); }")) {
                evaluator.run(cell, 0, cell, 1);
            }
            evaluator.complete("Matrix.", 7);
            evaluator.documentation("Math.max(", 9);
            Renderers.global().render(shapeprop.matrix.Matrix.eye(3));
        }
        WireFormat wire = new WireFormat(new Signer("warm-up-key"));
        Session session = new Session();
        try (ZMQ.Context context = ZMQ.context(1)) {
            ZMQ.Socket router = context.socket(SocketType.ROUTER);
            ZMQ.Socket dealer = context.socket(SocketType.DEALER);
            router.bind("inproc://warmup");
            dealer.connect("inproc://warmup");
            Message m = session.create("kernel_info_request", null, Json.object());
            List<byte[]> frames = wire.encode(m);
            for (int i = 0; i < frames.size() - 1; i++) {
                dealer.sendMore(frames.get(i));
            }
            dealer.send(frames.get(frames.size() - 1));
            List<byte[]> received = new java.util.ArrayList<>();
            received.add(router.recv());
            while (router.hasReceiveMore()) {
                received.add(router.recv());
            }
            try {
                wire.decode(received);
            } catch (RejectedMessageException e) {
                throw new IllegalStateException("warm-up message failed to verify: " + e.getMessage(), e);
            }
            router.close();
            dealer.close();
        }
        System.err.printf("[shapeprop kernel] warm-up done in %.0f ms%n", (System.nanoTime() - t0) / 1e6);
        System.exit(0);
    }
}
