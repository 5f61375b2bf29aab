package hetero.runtime.backend;

import java.util.List;

/** A way to run kernels: the JVM itself, OpenCL, CUDA/PTX. Absent drivers make a backend unavailable, never a crash. */
public interface Backend {
    String name();

    /** Null when usable, else why not (library missing, no platform, no device). */
    String unavailableReason();

    default boolean available() {
        return unavailableReason() == null;
    }

    List<Device> devices();

    /** A session owns device memory and compiled code for one device; closing it frees both. */
    DeviceSession open(Device device);
}
