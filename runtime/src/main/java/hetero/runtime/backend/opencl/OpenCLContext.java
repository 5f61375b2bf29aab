package hetero.runtime.backend.opencl;

import hetero.runtime.backend.Device;
import hetero.runtime.backend.Driver;
import hetero.runtime.backend.KernelBuildException;
import hetero.runtime.jit.KernelSource;
import org.jocl.CL;
import org.jocl.CLException;
import org.jocl.Pointer;
import org.jocl.cl_command_queue;
import org.jocl.cl_context;
import org.jocl.cl_context_properties;
import org.jocl.cl_device_id;
import org.jocl.cl_kernel;
import org.jocl.cl_platform_id;
import org.jocl.cl_program;
import org.jocl.cl_queue_properties;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/** The OpenCL context, in-order profiling queue and compiled-program cache of one device. */
final class OpenCLContext {
    final Device device;
    final cl_device_id deviceId;
    final cl_context context;
    final cl_command_queue queue;
    private final Map<String, Program> programs = new ConcurrentHashMap<>();
    /**
     * Java's float division and sqrt are correctly rounded; OpenCL allows 2.5 ulp unless asked, and
     * NVIDIA's driver does use the freedom. Ask wherever the device supports it.
     */
    private final String buildOptions;

    /** A built program and its kernel, with what it cost to make. */
    record Program(String cacheKey, KernelSource source, cl_program program, cl_kernel kernel, long buildNanos) implements Driver.Module {}

    OpenCLContext(Device device, cl_platform_id platform, cl_device_id deviceId) {
        this.device = device;
        this.deviceId = deviceId;
        cl_context_properties props = new cl_context_properties();
        props.addProperty(CL.CL_CONTEXT_PLATFORM, platform);
        this.context = CL.clCreateContext(props, 1, new cl_device_id[]{deviceId}, null, null, null);
        cl_queue_properties qp = new cl_queue_properties();
        qp.addProperty(CL.CL_QUEUE_PROPERTIES, CL.CL_QUEUE_PROFILING_ENABLE);
        this.queue = CL.clCreateCommandQueueWithProperties(context, deviceId, qp, null);
        long fp = OpenCLBackend.longInfo(deviceId, CL.CL_DEVICE_SINGLE_FP_CONFIG);
        this.buildOptions = (fp & CL.CL_FP_CORRECTLY_ROUNDED_DIVIDE_SQRT) != 0 ? "-cl-fp32-correctly-rounded-divide-sqrt" : "";
    }

    Program cached(String key) {
        return programs.get(key);
    }

    /**
     * Builds the kernel with the driver: OpenCL C as source, a SPIR-V module through its route (which
     * may translate it first; that time counts as build time). A build error carries the log and
     * the numbered source.
     */
    synchronized Program build(String key, KernelSource src, SpirvRoute spirvRoute) {
        Program p = programs.get(key);
        if (p != null) return p;
        long t0 = System.nanoTime();
        if ((src.binary() != null) != (spirvRoute != null)) {
            throw new IllegalStateException("a " + src.backend() + " kernel needs " + (spirvRoute == null ? "a SPIR-V route" : "no SPIR-V route"));
        }
        cl_program program = spirvRoute != null ? spirvRoute.createProgram(context, deviceId, src.binary())
                : CL.clCreateProgramWithSource(context, 1, new String[]{src.text()}, null, null);
        String options = spirvRoute != null ? (spirvRoute.buildOptions() + " " + buildOptions).trim() : buildOptions;
        try {
            CL.clBuildProgram(program, 1, new cl_device_id[]{deviceId}, options, null, null);
        } catch (CLException e) {
            String log = buildLog(program);
            CL.clReleaseProgram(program);
            throw new KernelBuildException(device.id(), src.abi().kernel(), log, src.text());
        }
        cl_kernel kernel = CL.clCreateKernel(program, src.entryPoint(), null);
        p = new Program(key, src, program, kernel, System.nanoTime() - t0);
        programs.put(key, p);
        return p;
    }

    private String buildLog(cl_program program) {
        long[] size = new long[1];
        CL.clGetProgramBuildInfo(program, deviceId, CL.CL_PROGRAM_BUILD_LOG, 0, null, size);
        byte[] buf = new byte[(int) size[0]];
        CL.clGetProgramBuildInfo(program, deviceId, CL.CL_PROGRAM_BUILD_LOG, buf.length, Pointer.to(buf), null);
        return new String(buf).trim();
    }
}
