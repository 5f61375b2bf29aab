package uk.ac.manchester.tornado.api.enums;

/**
 * When data listed in {@code transferToDevice} / {@code transferToHost} moves. Integer constants,
 * as the task-graph methods take them.
 */
public final class DataTransferMode {
    /** Copied on the first execution of a plan only (read-only data such as weights). */
    public static final int FIRST_EXECUTION = 0;
    /** Copied on every execution. */
    public static final int EVERY_EXECUTION = 1;
    /** Copied only when the program asks: {@code TornadoExecutionResult.transferToHost(...)}. */
    public static final int USER_DEFINED = 2;

    private DataTransferMode() {
    }

    /** The name of a mode, for messages. */
    public static String name(int mode) {
        return switch (mode) {
            case FIRST_EXECUTION -> "FIRST_EXECUTION";
            case EVERY_EXECUTION -> "EVERY_EXECUTION";
            case USER_DEFINED -> "USER_DEFINED";
            default -> throw new IllegalArgumentException("unknown data transfer mode " + mode
                    + " (use DataTransferMode.FIRST_EXECUTION, EVERY_EXECUTION or USER_DEFINED)");
        };
    }
}
