package hetero.runtime.backend.opencl;

import hetero.runtime.backend.Backend;
import hetero.runtime.backend.Device;
import hetero.runtime.backend.DeviceSession;
import hetero.runtime.backend.DriverSession;
import hetero.runtime.jit.Target;
import org.jocl.CL;
import org.jocl.Pointer;
import org.jocl.Sizeof;
import org.jocl.cl_device_id;
import org.jocl.cl_platform_id;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * OpenCL through JOCL. Devices are found at run time; a machine without an OpenCL platform (or
 * without the ICD loader library) gets an unavailable backend with the reason, not a crash.
 */
public final class OpenCLBackend implements Backend {
    // One platform query and one context per device for the whole process: ServiceLoader creates
    // instances of this class, and the spirv backend shares the same devices and contexts.
    private static String unavailable;
    private static final List<Device> devices = new ArrayList<>();
    private static final Map<String, cl_device_id> handles = new HashMap<>();
    private static final Map<String, cl_platform_id> platforms = new HashMap<>();
    private static final Map<String, OpenCLContext> contexts = new HashMap<>();
    private static boolean started;

    public OpenCLBackend() {
        start();
    }

    private static synchronized void start() {
        if (started) return;
        started = true;
        hetero.runtime.backend.NativeEnvironment.keepJvmSignalHandlers(); // before JOCL loads the OpenCL library
        String reason = null;
        try {
            CL.setExceptionsEnabled(true);
            int[] n = new int[1];
            CL.clGetPlatformIDs(0, null, n);
            if (n[0] == 0) {
                reason = "no OpenCL platform found (install an ICD, e.g. apt-get install pocl-opencl-icd)";
            } else {
                cl_platform_id[] ps = new cl_platform_id[n[0]];
                CL.clGetPlatformIDs(ps.length, ps, null);
                for (int p = 0; p < ps.length; p++) {
                    int[] nd = new int[1];
                    try {
                        CL.clGetDeviceIDs(ps[p], CL.CL_DEVICE_TYPE_ALL, 0, null, nd);
                    } catch (org.jocl.CLException e) {
                        continue; // a platform with no devices
                    }
                    cl_device_id[] ds = new cl_device_id[nd[0]];
                    CL.clGetDeviceIDs(ps[p], CL.CL_DEVICE_TYPE_ALL, ds.length, ds, null);
                    for (int d = 0; d < ds.length; d++) {
                        String id = "opencl:" + p + ":" + d;
                        handles.put(id, ds[d]);
                        platforms.put(id, ps[p]);
                        devices.add(describe(id, ds[d]));
                    }
                }
                if (devices.isEmpty()) reason = "OpenCL platforms have no devices";
            }
        } catch (UnsatisfiedLinkError | NoClassDefFoundError e) {
            reason = "the OpenCL library could not be loaded (" + e.getMessage() + "); JOCL loads the unversioned libOpenCL.so: install ocl-icd-opencl-dev and a driver (e.g. pocl-opencl-icd)";
        } catch (Throwable t) {
            reason = "OpenCL failed to start: " + t;
        }
        unavailable = reason;
    }

    private static Device describe(String id, cl_device_id d) {
        long type = longInfo(d, CL.CL_DEVICE_TYPE);
        String typeName = (type & CL.CL_DEVICE_TYPE_GPU) != 0 ? "GPU" : (type & CL.CL_DEVICE_TYPE_CPU) != 0 ? "CPU"
                : (type & CL.CL_DEVICE_TYPE_ACCELERATOR) != 0 ? "ACCELERATOR" : "OTHER";
        return new Device(id, "opencl", stringInfo(d, CL.CL_DEVICE_NAME), stringInfo(d, CL.CL_DEVICE_VENDOR),
                stringInfo(d, CL.CL_DRIVER_VERSION), stringInfo(d, CL.CL_DEVICE_VERSION),
                (int) intInfo(d, CL.CL_DEVICE_MAX_COMPUTE_UNITS), longInfo(d, CL.CL_DEVICE_GLOBAL_MEM_SIZE),
                sizeInfo(d, CL.CL_DEVICE_MAX_WORK_GROUP_SIZE), typeName);
    }

    static String stringInfo(cl_device_id d, int param) {
        long[] size = new long[1];
        CL.clGetDeviceInfo(d, param, 0, null, size);
        byte[] buf = new byte[(int) size[0]];
        CL.clGetDeviceInfo(d, param, buf.length, Pointer.to(buf), null);
        return new String(buf, 0, Math.max(0, buf.length - 1)).trim();
    }

    static long longInfo(cl_device_id d, int param) {
        long[] v = new long[1];
        CL.clGetDeviceInfo(d, param, Sizeof.cl_long, Pointer.to(v), null);
        return v[0];
    }

    static long intInfo(cl_device_id d, int param) {
        int[] v = new int[1];
        CL.clGetDeviceInfo(d, param, Sizeof.cl_int, Pointer.to(v), null);
        return v[0];
    }

    static long sizeInfo(cl_device_id d, int param) {
        ByteBuffer b = ByteBuffer.allocate(Sizeof.size_t).order(ByteOrder.nativeOrder());
        CL.clGetDeviceInfo(d, param, Sizeof.size_t, Pointer.to(b), null);
        return Sizeof.size_t == 8 ? b.getLong(0) : b.getInt(0);
    }

    /** The device's CL_DEVICE_IL_VERSION (e.g. "SPIR-V_1.2"), or "" where it has none. */
    static String ilVersion(Device d) {
        try {
            return stringInfo(handles.get(d.id()), SpirvBackend.CL_DEVICE_IL_VERSION);
        } catch (RuntimeException e) {
            return "";
        }
    }

    /** The CL_PLATFORM_VERSION of the device's platform (PoCL names its LLVM there: "... LLVM 15.0.6 ..."). */
    static String platformVersion(Device d) {
        cl_platform_id p = platforms.get(d.id());
        long[] size = new long[1];
        CL.clGetPlatformInfo(p, CL.CL_PLATFORM_VERSION, 0, null, size);
        byte[] buf = new byte[(int) size[0]];
        CL.clGetPlatformInfo(p, CL.CL_PLATFORM_VERSION, buf.length, Pointer.to(buf), null);
        return new String(buf, 0, Math.max(0, buf.length - 1)).trim();
    }

    /** The device's CL_DEVICE_EXTENSIONS, space-separated. */
    static String extensions(Device d) {
        return stringInfo(handles.get(d.id()), CL.CL_DEVICE_EXTENSIONS);
    }

    @Override
    public String name() {
        return "opencl";
    }

    @Override
    public String unavailableReason() {
        return unavailable;
    }

    @Override
    public List<Device> devices() {
        return List.copyOf(devices);
    }

    /** One context, queue and program cache per device, shared by the sessions (plans) on it. */
    static synchronized OpenCLContext context(Device device) {
        return contexts.computeIfAbsent(device.id(), id -> {
            cl_device_id h = handles.get(id);
            if (h == null) throw new IllegalArgumentException("unknown OpenCL device " + id);
            return new OpenCLContext(device, platforms.get(id), h);
        });
    }

    @Override
    public DeviceSession open(Device device) {
        if (unavailable != null) throw new IllegalStateException("OpenCL is unavailable: " + unavailable);
        return new DriverSession(new OpenCLDriver(context(device), device, Target.named("opencl"), null));
    }
}
