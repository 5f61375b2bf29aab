package hetero.runtime.backend;

/** The device could not hold a buffer (or the work); experiments record this as a skipped row. */
public final class DeviceOutOfMemoryException extends RuntimeException {
    private final String deviceId;
    private final long requestedBytes;

    /**
     * From a {@link Driver}, which does not know what the plan holds; the session adds that with
     * {@link #withHeldBytes} before the exception reaches the user.
     *
     * @param requestedBytes the allocation that failed; 0 when a launch ran out of memory
     */
    public DeviceOutOfMemoryException(String deviceId, long requestedBytes, Throwable cause) {
        this(deviceId, requestedBytes, what(deviceId, requestedBytes), cause);
    }

    private DeviceOutOfMemoryException(String deviceId, long requestedBytes, long heldBytes, Throwable cause) {
        this(deviceId, requestedBytes, what(deviceId, requestedBytes) + " with " + heldBytes + " bytes held by this plan", cause);
    }

    private DeviceOutOfMemoryException(String deviceId, long requestedBytes, String message, Throwable cause) {
        super(message, cause);
        this.deviceId = deviceId;
        this.requestedBytes = requestedBytes;
    }

    private static String what(String deviceId, long requestedBytes) {
        return "device " + deviceId + " is out of memory: " + (requestedBytes > 0 ? "could not allocate " + requestedBytes + " bytes" : "a kernel launch failed");
    }

    /** The same failure, saying how many bytes of device buffers the plan holds now. */
    public DeviceOutOfMemoryException withHeldBytes(long heldBytes) {
        DeviceOutOfMemoryException e = new DeviceOutOfMemoryException(deviceId, requestedBytes, heldBytes, getCause());
        e.setStackTrace(getStackTrace());
        return e;
    }

    public long requestedBytes() {
        return requestedBytes;
    }
}
