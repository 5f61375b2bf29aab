package hetero.experiments.bench;

import org.jocl.CL;
import org.jocl.Pointer;
import org.jocl.Sizeof;
import org.jocl.cl_command_queue;
import org.jocl.cl_context;
import org.jocl.cl_context_properties;
import org.jocl.cl_device_id;
import org.jocl.cl_mem;
import org.jocl.cl_platform_id;
import org.jocl.blast.CLBlast;
import org.jocl.blast.CLBlastLayout;
import org.jocl.blast.CLBlastTranspose;

/**
 * The GEMM peer: CLBlast SGEMM (row-major C = A B) through JOCL-Blast, on the same OpenCL device
 * the JIT's kernels run on. JOCL-Blast bundles libclblast.so and its JNI glue for linux-x86_64;
 * this class owns its own JOCL context and queue (the project's runtime keeps its own), with A, B
 * and C resident on the device, so {@link #run()} times SGEMM alone (enqueue + clFinish).
 *
 * <p>The first call tunes nothing: CLBlast ships per-device parameters and falls back to its
 * defaults for devices it does not know (PoCL's CPU device is not in its database). Its OpenCL
 * kernels are built on the first call per shape, so benchmarks must warm up.
 */
public final class ClBlastSgemm implements AutoCloseable {
    private final cl_context context;
    private final cl_command_queue queue;
    private final cl_mem a, b, c;
    private final int m, n, k;

    /**
     * @param platformIndex OpenCL platform index (0 for PoCL here, as in device id opencl:0:0)
     * @param deviceIndex   device index on that platform
     */
    public ClBlastSgemm(int platformIndex, int deviceIndex, float[] a, float[] b, int m, int n, int k) {
        CL.setExceptionsEnabled(true);
        CLBlast.setExceptionsEnabled(true);
        int[] count = new int[1];
        CL.clGetPlatformIDs(0, null, count);
        cl_platform_id[] platforms = new cl_platform_id[count[0]];
        CL.clGetPlatformIDs(platforms.length, platforms, null);
        cl_platform_id platform = platforms[platformIndex];
        CL.clGetDeviceIDs(platform, CL.CL_DEVICE_TYPE_ALL, 0, null, count);
        cl_device_id[] devices = new cl_device_id[count[0]];
        CL.clGetDeviceIDs(platform, CL.CL_DEVICE_TYPE_ALL, devices.length, devices, null);
        cl_device_id device = devices[deviceIndex];
        cl_context_properties props = new cl_context_properties();
        props.addProperty(CL.CL_CONTEXT_PLATFORM, platform);
        this.context = CL.clCreateContext(props, 1, new cl_device_id[]{device}, null, null, null);
        this.queue = CL.clCreateCommandQueueWithProperties(context, device, null, null);
        this.m = m;
        this.n = n;
        this.k = k;
        this.a = CL.clCreateBuffer(context, CL.CL_MEM_READ_ONLY | CL.CL_MEM_COPY_HOST_PTR, (long) Sizeof.cl_float * m * k, Pointer.to(a), null);
        this.b = CL.clCreateBuffer(context, CL.CL_MEM_READ_ONLY | CL.CL_MEM_COPY_HOST_PTR, (long) Sizeof.cl_float * k * n, Pointer.to(b), null);
        this.c = CL.clCreateBuffer(context, CL.CL_MEM_READ_WRITE, (long) Sizeof.cl_float * m * n, null, null);
    }

    /** One SGEMM, C = A B (row-major, no transposes), waited for. */
    public void run() {
        CLBlast.CLBlastSgemm(CLBlastLayout.CLBlastLayoutRowMajor, CLBlastTranspose.CLBlastTransposeNo, CLBlastTranspose.CLBlastTransposeNo,
                m, n, k, 1f, a, 0, k, b, 0, n, 0f, c, 0, n, queue, null);
        CL.clFinish(queue);
    }

    /** Copies C back (for checking the peer against the reference). */
    public float[] result() {
        float[] out = new float[m * n];
        CL.clEnqueueReadBuffer(queue, c, CL.CL_TRUE, 0, (long) Sizeof.cl_float * m * n, Pointer.to(out), 0, null, null);
        return out;
    }

    @Override
    public void close() {
        CL.clReleaseMemObject(a);
        CL.clReleaseMemObject(b);
        CL.clReleaseMemObject(c);
        CL.clReleaseCommandQueue(queue);
        CL.clReleaseContext(context);
    }
}
