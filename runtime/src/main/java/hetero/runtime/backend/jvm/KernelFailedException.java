package hetero.runtime.backend.jvm;

/** A kernel threw while running on the JVM backend (an index out of bounds, usually). */
public final class KernelFailedException extends RuntimeException {
    public KernelFailedException(String taskId, Throwable cause) {
        super("task " + taskId + " failed on the jvm backend: " + cause, cause);
    }
}
