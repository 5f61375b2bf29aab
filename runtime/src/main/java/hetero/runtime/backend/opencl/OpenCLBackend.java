package hetero.runtime.backend.opencl;

import hetero.runtime.backend.Backend;
import hetero.runtime.backend.Device;
import hetero.runtime.backend.DeviceSession;

import java.util.List;

/** Placeholder until the OpenCL backend lands. */
public final class OpenCLBackend implements Backend {
    public String name() { return "opencl"; }
    public String unavailableReason() { return "not built yet"; }
    public List<Device> devices() { return List.of(); }
    public DeviceSession open(Device device) { throw new IllegalStateException(unavailableReason()); }
}
