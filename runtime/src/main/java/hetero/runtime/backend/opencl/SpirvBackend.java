package hetero.runtime.backend.opencl;

import hetero.runtime.backend.Backend;
import hetero.runtime.backend.Device;
import hetero.runtime.backend.DeviceSession;
import hetero.runtime.backend.DriverSession;
import hetero.runtime.jit.Target;

import java.util.ArrayList;
import java.util.List;

/**
 * SPIR-V from the JIT, given to OpenCL devices that ingest IL (CL_DEVICE_IL_VERSION names SPIR-V)
 * through clCreateProgramWithIL. Devices are {@code spirv:P:D}, the same hardware as
 * {@code opencl:P:D}. PoCL's CPU device here reports no IL version, so the backend says so.
 */
public final class SpirvBackend implements Backend {
    static final int CL_DEVICE_IL_VERSION = 0x105B;
    private final OpenCLBackend opencl;
    private final List<Device> devices = new ArrayList<>();
    private final String unavailable;

    public SpirvBackend() {
        this.opencl = new OpenCLBackend(); // shares the process-wide OpenCL devices and contexts
        String reason;
        if (!opencl.available()) {
            reason = "needs OpenCL, which is unavailable: " + opencl.unavailableReason();
        } else {
            List<String> without = new ArrayList<>();
            for (Device d : opencl.devices()) {
                String il = OpenCLBackend.ilVersion(d);
                if (il.contains("SPIR-V")) {
                    devices.add(new Device("spirv" + d.id().substring("opencl".length()), "spirv", d.name(), d.vendor(), d.driver(),
                            il.trim(), d.computeUnits(), d.globalMemoryBytes(), d.maxWorkGroupSize(), d.type()));
                } else {
                    without.add(d.id() + " (" + d.name() + ")");
                }
            }
            reason = devices.isEmpty() ? "no OpenCL device accepts SPIR-V: CL_DEVICE_IL_VERSION is empty on " + String.join(", ", without) : null;
        }
        unavailable = reason;
    }

    @Override
    public String name() {
        return "spirv";
    }

    @Override
    public String unavailableReason() {
        return unavailable;
    }

    @Override
    public List<Device> devices() {
        return List.copyOf(devices);
    }

    @Override
    public DeviceSession open(Device device) {
        if (unavailable != null) throw new IllegalStateException("the SPIR-V backend is unavailable: " + unavailable);
        Device cl = null;
        for (Device d : opencl.devices()) if (d.id().equals("opencl" + device.id().substring("spirv".length()))) cl = d;
        if (cl == null) throw new IllegalArgumentException("unknown SPIR-V device " + device.id());
        return new DriverSession(new OpenCLDriver(OpenCLBackend.context(cl), device, Target.named("spirv")));
    }
}
