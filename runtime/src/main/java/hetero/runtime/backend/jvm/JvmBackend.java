package hetero.runtime.backend.jvm;

import hetero.runtime.backend.Backend;
import hetero.runtime.backend.Device;
import hetero.runtime.backend.DeviceSession;

import java.util.List;

/**
 * Runs kernels as the Java they are: the reference every other backend is checked against.
 * Loop-parallel kernels run their loops sequentially; KernelContext kernels are emulated with
 * work-groups in parallel and barrier-separated regions as loops over the work-items (see
 * {@link KernelContextEmulator}).
 */
public final class JvmBackend implements Backend {
    public static final Device DEVICE = new Device("jvm", "jvm",
            "JVM " + System.getProperty("java.vm.name") + " on " + System.getProperty("os.arch"),
            System.getProperty("java.vm.vendor"), System.getProperty("java.vm.version"),
            "Java " + System.getProperty("java.version"),
            Runtime.getRuntime().availableProcessors(), Runtime.getRuntime().maxMemory(), Integer.MAX_VALUE, "CPU");

    @Override
    public String name() {
        return "jvm";
    }

    @Override
    public String unavailableReason() {
        return null;
    }

    @Override
    public List<Device> devices() {
        return List.of(DEVICE);
    }

    @Override
    public DeviceSession open(Device device) {
        return new JvmSession(device);
    }
}
