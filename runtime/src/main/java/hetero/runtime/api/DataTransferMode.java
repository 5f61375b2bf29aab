package hetero.runtime.api;

/** When a host array is copied between host and device, as in TornadoVM. */
public enum DataTransferMode {
    /** Copied on the first execution of a plan only (weights, constants). */
    FIRST_EXECUTION,
    /** Copied on every execution (inputs that change, outputs to read back). */
    EVERY_EXECUTION,
    /** Copied back only when asked ({@link ExecutionPlan#transferToHost(Object...)}); for transferToHost only. */
    USER_DEFINED
}
