package hetero.experiments;

/**
 * Input the user can fix (unknown preset key, impossible configuration, unknown device, unreadable
 * CSV). The CLI prints the message and exits with code 2, before touching any result file.
 */
public final class BadInputException extends RuntimeException {
    public BadInputException(String message) {
        super(message);
    }

    public BadInputException(String message, Throwable cause) {
        super(message, cause);
    }
}
