package hetero.runtime.backend.ptx;

import hetero.runtime.backend.Backend;
import hetero.runtime.backend.Device;
import hetero.runtime.backend.DeviceSession;
import hetero.runtime.backend.DriverSession;
import jcuda.driver.CUdevice;
import jcuda.driver.CUdevice_attribute;
import jcuda.driver.JCudaDriver;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * NVIDIA GPUs: PTX from the JIT, loaded and launched through the CUDA driver API (JCuda). Where
 * no CUDA driver is installed the backend is unavailable, with the loader's reason.
 */
public final class PtxBackend implements Backend {
    private final String unavailable;
    private final List<Device> devices = new ArrayList<>();
    private final Map<String, PtxContext> contexts = new HashMap<>();

    public PtxBackend() {
        String reason = null;
        try {
            JCudaDriver.setExceptionsEnabled(true);
            JCudaDriver.cuInit(0);
            int[] count = new int[1];
            JCudaDriver.cuDeviceGetCount(count);
            int[] version = new int[1];
            JCudaDriver.cuDriverGetVersion(version);
            for (int i = 0; i < count[0]; i++) {
                CUdevice dev = new CUdevice();
                JCudaDriver.cuDeviceGet(dev, i);
                byte[] name = new byte[256];
                JCudaDriver.cuDeviceGetName(name, name.length, dev);
                long[] mem = new long[1];
                JCudaDriver.cuDeviceTotalMem(mem, dev);
                int sms = attribute(dev, CUdevice_attribute.CU_DEVICE_ATTRIBUTE_MULTIPROCESSOR_COUNT);
                int major = attribute(dev, CUdevice_attribute.CU_DEVICE_ATTRIBUTE_COMPUTE_CAPABILITY_MAJOR);
                int minor = attribute(dev, CUdevice_attribute.CU_DEVICE_ATTRIBUTE_COMPUTE_CAPABILITY_MINOR);
                int maxThreads = attribute(dev, CUdevice_attribute.CU_DEVICE_ATTRIBUTE_MAX_THREADS_PER_BLOCK);
                String n = new String(name).trim().replace("\0", "");
                devices.add(new Device("ptx:" + i, "ptx", n, "NVIDIA", "CUDA " + version[0] / 1000 + "." + (version[0] % 1000) / 10,
                        "sm_" + major + minor, sms, mem[0], maxThreads, "GPU"));
            }
            if (devices.isEmpty()) reason = "the CUDA driver reports no GPU";
        } catch (UnsatisfiedLinkError | NoClassDefFoundError e) {
            reason = "no CUDA driver (libcuda) could be loaded: " + firstLine(e.getMessage());
        } catch (Throwable t) {
            reason = "CUDA failed to start: " + firstLine(String.valueOf(t));
        }
        unavailable = reason;
    }

    private static String firstLine(String s) {
        if (s == null) return "unknown error";
        int nl = s.indexOf('\n');
        return nl < 0 ? s : s.substring(0, nl);
    }

    private static int attribute(CUdevice dev, int attr) {
        int[] v = new int[1];
        JCudaDriver.cuDeviceGetAttribute(v, attr, dev);
        return v[0];
    }

    @Override
    public String name() {
        return "ptx";
    }

    @Override
    public String unavailableReason() {
        return unavailable;
    }

    @Override
    public List<Device> devices() {
        return List.copyOf(devices);
    }

    synchronized PtxContext context(Device d) {
        return contexts.computeIfAbsent(d.id(), id -> new PtxContext(d, Integer.parseInt(id.substring(4))));
    }

    @Override
    public DeviceSession open(Device device) {
        if (unavailable != null) throw new IllegalStateException("the PTX backend is unavailable: " + unavailable);
        return new DriverSession(new PtxDriver(context(device)));
    }
}
