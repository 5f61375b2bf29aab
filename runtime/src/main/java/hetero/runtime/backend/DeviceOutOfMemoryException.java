package hetero.runtime.backend;

/** The device could not hold a buffer (or the work); experiments record this as a skipped row. */
public final class DeviceOutOfMemoryException extends RuntimeException {
    private final long requestedBytes;

    public DeviceOutOfMemoryException(String deviceId, long requestedBytes, long allocatedBytes, Throwable cause) {
        super("device " + deviceId + " is out of memory: could not allocate " + requestedBytes + " bytes with "
                + allocatedBytes + " bytes already allocated by this plan", cause);
        this.requestedBytes = requestedBytes;
    }

    public long requestedBytes() {
        return requestedBytes;
    }
}
