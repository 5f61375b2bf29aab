package uk.ac.manchester.tornado.api.exceptions;

/** A failure of the runtime (no implementation found, a device error, a kernel it cannot compile). */
public class TornadoRuntimeException extends RuntimeException {
    public TornadoRuntimeException(String message) {
        super(message);
    }

    public TornadoRuntimeException(String message, Throwable cause) {
        super(message, cause);
    }
}
