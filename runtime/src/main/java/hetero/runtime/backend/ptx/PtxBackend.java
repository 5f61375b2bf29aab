package hetero.runtime.backend.ptx;

import hetero.runtime.backend.Backend;
import hetero.runtime.backend.Device;
import hetero.runtime.backend.DeviceSession;

import java.util.List;

/** NVIDIA GPUs through generated PTX and the CUDA driver API. */
public final class PtxBackend implements Backend {
    @Override
    public String name() {
        return "ptx";
    }

    @Override
    public String unavailableReason() {
        return "the PTX backend is not built yet";
    }

    @Override
    public List<Device> devices() {
        return List.of();
    }

    @Override
    public DeviceSession open(Device device) {
        throw new IllegalStateException(unavailableReason());
    }
}
