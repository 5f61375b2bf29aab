package hetero.runtime.tornado;

import hetero.runtime.backend.Device;
import uk.ac.manchester.tornado.api.common.TornadoDevice;
import uk.ac.manchester.tornado.api.enums.TornadoVMBackendType;

/** One of the project's devices as TornadoVM's API sees it; {@link #toString()} is the project's device id (opencl:0:0). */
public record TornadoDeviceAdapter(Device device) implements TornadoDevice {
    @Override
    public String getDeviceName() {
        return device.name();
    }

    @Override
    public String getDescription() {
        return device.id() + ": " + device.name() + " (" + device.vendor() + ", " + device.driver() + ")";
    }

    @Override
    public String getPlatformName() {
        return device.vendor();
    }

    @Override
    public TornadoVMBackendType getTornadoVMBackend() {
        return switch (device.backend()) {
            case "opencl" -> TornadoVMBackendType.OPENCL;
            case "ptx" -> TornadoVMBackendType.PTX;
            case "spirv" -> TornadoVMBackendType.SPIRV;
            default -> TornadoVMBackendType.JAVA;
        };
    }

    @Override
    public long getMaxGlobalMemory() {
        return device.globalMemoryBytes();
    }

    @Override
    public String toString() {
        return device.id();
    }
}
