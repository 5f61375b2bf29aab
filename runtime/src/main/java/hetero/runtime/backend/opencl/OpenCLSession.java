package hetero.runtime.backend.opencl;

import hetero.runtime.api.WorkerGrid;
import hetero.runtime.backend.Device;
import hetero.runtime.backend.DeviceOutOfMemoryException;
import hetero.runtime.backend.DeviceSession;
import hetero.runtime.backend.KernelLaunch;
import hetero.runtime.jit.GridPlanner;
import hetero.runtime.jit.Jit;
import hetero.runtime.jit.KernelSource;
import org.jocl.CL;
import org.jocl.CLException;
import org.jocl.Pointer;
import org.jocl.Sizeof;
import org.jocl.cl_event;
import org.jocl.cl_mem;

import java.util.ArrayList;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** Device buffers of one plan on one OpenCL device, keyed by array identity. */
final class OpenCLSession implements DeviceSession {
    private final OpenCLContext ctx;
    private final Device device;
    /** null: the kernel goes to the driver as OpenCL C; else as SPIR-V, along this route. */
    private final SpirvRoute spirvRoute;
    private final Map<Object, cl_mem> buffers = new IdentityHashMap<>();
    private long allocated;

    OpenCLSession(OpenCLContext ctx, Device device, SpirvRoute spirvRoute) {
        this.ctx = ctx;
        this.device = device;
        this.spirvRoute = spirvRoute;
    }

    @Override
    public Device device() {
        return device;
    }

    static long bytes(Object a) {
        return hetero.runtime.backend.HostArrays.bytes(a);
    }

    static Pointer pointer(Object a) {
        return switch (a) {
            case float[] f -> Pointer.to(f);
            case int[] i -> Pointer.to(i);
            case long[] l -> Pointer.to(l);
            case double[] d -> Pointer.to(d);
            default -> throw new IllegalArgumentException("not a kernel array: " + a);
        };
    }

    @Override
    public boolean ensureBuffer(Object array) {
        if (buffers.containsKey(array)) return false;
        long size = Math.max(4, bytes(array));
        try {
            cl_mem mem = CL.clCreateBuffer(ctx.context, CL.CL_MEM_READ_WRITE, size, null, null);
            buffers.put(array, mem);
            allocated += size;
            return true;
        } catch (CLException e) {
            if (isOutOfMemory(e.getStatus())) throw new DeviceOutOfMemoryException(ctx.device.id(), size, allocated, e);
            throw e;
        }
    }

    static boolean isOutOfMemory(int status) {
        return status == CL.CL_MEM_OBJECT_ALLOCATION_FAILURE || status == CL.CL_OUT_OF_RESOURCES
                || status == CL.CL_OUT_OF_HOST_MEMORY || status == CL.CL_INVALID_BUFFER_SIZE;
    }

    private cl_mem buffer(Object array) {
        cl_mem m = buffers.get(array);
        if (m == null) throw new IllegalStateException("no device buffer for array " + array);
        return m;
    }

    @Override
    public long copyIn(Object array) {
        long n = bytes(array);
        if (n == 0) return 0;
        cl_event ev = new cl_event();
        CL.clEnqueueWriteBuffer(ctx.queue, buffer(array), CL.CL_TRUE, 0, n, pointer(array), 0, null, ev);
        return elapsed(ev);
    }

    @Override
    public long copyOut(Object array) {
        long n = bytes(array);
        if (n == 0) return 0;
        cl_event ev = new cl_event();
        CL.clEnqueueReadBuffer(ctx.queue, buffer(array), CL.CL_TRUE, 0, n, pointer(array), 0, null, ev);
        return elapsed(ev);
    }

    /** Device time of a finished command, from its profiling info. */
    static long elapsed(cl_event ev) {
        CL.clWaitForEvents(1, new cl_event[]{ev});
        long[] start = new long[1], end = new long[1];
        CL.clGetEventProfilingInfo(ev, CL.CL_PROFILING_COMMAND_START, Sizeof.cl_ulong, Pointer.to(start), null);
        CL.clGetEventProfilingInfo(ev, CL.CL_PROFILING_COMMAND_END, Sizeof.cl_ulong, Pointer.to(end), null);
        CL.clReleaseEvent(ev);
        return end[0] - start[0];
    }

    @Override
    public Compiled compile(KernelLaunch launch) {
        boolean noAlias = distinctArrays(launch.args());
        String key = launch.kernel().qualifiedName() + launch.kernel().descriptor() + launch.constants() + (noAlias ? "|restrict" : "")
                + "@" + device.id();
        OpenCLContext.Program p = ctx.cached(key);
        if (p != null) return OpenCLContext.compiled(p, true);
        KernelSource src = Jit.compile(launch.kernel(), launch.constants(), noAlias, spirvRoute != null ? "spirv" : "opencl");
        return OpenCLContext.compiled(ctx.build(key, src, spirvRoute), false);
    }

    private static boolean distinctArrays(Object[] args) {
        Set<Object> seen = Collections.newSetFromMap(new IdentityHashMap<>());
        for (Object a : args) {
            if (a instanceof float[] || a instanceof int[] || a instanceof long[] || a instanceof double[]) {
                if (!seen.add(a)) return false;
            }
        }
        return true;
    }

    @Override
    public long launch(Compiled kernel, KernelLaunch launch) {
        OpenCLContext.Program p = ctx.cached(kernel.cacheKey());
        KernelSource src = p.source();
        Object[] args = launch.args();
        int index = 0;
        for (KernelSource.Arg a : src.args()) {
            Object v = args[a.javaIndex()];
            switch (a.kind()) {
                case BUFFER -> CL.clSetKernelArg(p.kernel(), index++, Sizeof.cl_mem, Pointer.to(buffer(v)));
                case LENGTH -> CL.clSetKernelArg(p.kernel(), index++, Sizeof.cl_int, Pointer.to(new int[]{java.lang.reflect.Array.getLength(v)}));
                case SCALAR -> {
                    switch (a.type()) {
                        case INT -> CL.clSetKernelArg(p.kernel(), index++, Sizeof.cl_int, Pointer.to(new int[]{intValue(v)}));
                        case LONG -> CL.clSetKernelArg(p.kernel(), index++, Sizeof.cl_long, Pointer.to(new long[]{((Number) v).longValue()}));
                        case FLOAT -> CL.clSetKernelArg(p.kernel(), index++, Sizeof.cl_float, Pointer.to(new float[]{((Number) v).floatValue()}));
                        case DOUBLE -> CL.clSetKernelArg(p.kernel(), index++, Sizeof.cl_double, Pointer.to(new double[]{((Number) v).doubleValue()}));
                        default -> throw new IllegalStateException("scalar of type " + a.type());
                    }
                }
            }
        }
        WorkerGrid grid = launch.grid() != null ? launch.grid() : GridPlanner.defaultGrid(src.function(), args, launch.taskId());
        long[] global = grid.roundedGlobal();
        long[] local = grid.localSize();
        if (local != null) {
            long items = 1;
            for (long l : local) items *= l;
            if (items > ctx.device.maxWorkGroupSize()) {
                throw new IllegalArgumentException("task " + launch.taskId() + ": work-group of " + items + " items exceeds the "
                        + ctx.device.maxWorkGroupSize() + " that " + ctx.device.id() + " allows");
            }
        }
        cl_event ev = new cl_event();
        try {
            CL.clEnqueueNDRangeKernel(ctx.queue, p.kernel(), global.length, null, global, local, 0, null, ev);
        } catch (CLException e) {
            if (isOutOfMemory(e.getStatus())) throw new DeviceOutOfMemoryException(ctx.device.id(), 0, allocated, e);
            throw new IllegalStateException("task " + launch.taskId() + " could not be launched on " + ctx.device.id() + " with " + grid + ": " + e.getMessage(), e);
        }
        return elapsed(ev);
    }

    private static int intValue(Object v) {
        return switch (v) {
            case Boolean b -> b ? 1 : 0;
            case Character c -> c;
            default -> ((Number) v).intValue();
        };
    }

    @Override
    public void finish() {
        CL.clFinish(ctx.queue);
    }

    @Override
    public long allocatedBytes() {
        return allocated;
    }

    @Override
    public int bufferCount() {
        return buffers.size();
    }

    @Override
    public void close() {
        List<cl_mem> all = new ArrayList<>(buffers.values());
        buffers.clear();
        for (cl_mem m : all) CL.clReleaseMemObject(m);
        allocated = 0;
    }
}
