package shapeprop.data;

import java.util.concurrent.CancellationException;

/**
 * A fetch of MNIST was interrupted (a notebook's stop button, or {@code Future.cancel(true)}): it stopped at once,
 * tried no other route, and removed its partial download, so the cache holds only verified files. The message says
 * which file was being downloaded and that running it again resumes. The thread's interrupt status stays set, for
 * whoever called the fetch to see too.
 */
public class FetchInterruptedException extends CancellationException {

    private static final long serialVersionUID = 1L;

    FetchInterruptedException(String message) {
        super(message);
    }
}
