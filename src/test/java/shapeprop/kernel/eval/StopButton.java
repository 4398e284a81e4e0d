package shapeprop.kernel.eval;

/** The stop button, pressed from another thread some time after a test's cell starts. */
final class StopButton {

    private StopButton() {
    }

    /** A started thread that calls {@code evaluator.stop()} after {@code millis}; interrupting it cancels the stop. */
    static Thread pressAfter(Evaluator evaluator, long millis) {
        Thread stopper = new Thread(() -> {
            try {
                Thread.sleep(millis);
            } catch (InterruptedException e) {
                return;
            }
            evaluator.stop();
        });
        stopper.start();
        return stopper;
    }
}
