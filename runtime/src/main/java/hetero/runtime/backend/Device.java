package hetero.runtime.backend;

/**
 * A device as the user sees it, chosen by a stable id such as {@code jvm}, {@code opencl:0:0},
 * {@code ptx:0}.
 */
public record Device(String id, String backend, String name, String vendor, String driver, String version,
                     int computeUnits, long globalMemoryBytes, long maxWorkGroupSize, String type) {
    @Override
    public String toString() {
        return id + " (" + name + ")";
    }
}
