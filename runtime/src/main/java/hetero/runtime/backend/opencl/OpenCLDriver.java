package hetero.runtime.backend.opencl;

import hetero.runtime.backend.Device;
import hetero.runtime.backend.DeviceOutOfMemoryException;
import hetero.runtime.backend.Driver;
import hetero.runtime.jit.KernelSource;
import hetero.runtime.jit.Target;
import hetero.runtime.kernel.WorkerGrid;
import org.jocl.CL;
import org.jocl.CLException;
import org.jocl.Pointer;
import org.jocl.Sizeof;
import org.jocl.cl_event;
import org.jocl.cl_mem;
import uk.ac.manchester.tornado.api.types.arrays.TornadoNativeArray;

/**
 * OpenCL as a {@link Driver}: buffers, copies and NDRange launches on the device's shared context
 * and profiling queue, timed with OpenCL events. The same class serves opencl (OpenCL C) and spirv
 * (the JIT's SPIR-V module, given to the driver along the device's {@link SpirvRoute}); they differ
 * only in their Target and route.
 */
final class OpenCLDriver implements Driver {
    private final OpenCLContext ctx;
    private final Device device;
    private final Target target;
    /** null: OpenCL C source; else how a SPIR-V module becomes a program on this device. */
    private final SpirvRoute spirvRoute;
    /** Buffers created over the memory of an off-heap array (CL_MEM_USE_HOST_PTR). */
    private final java.util.Set<Object> hostBacked = java.util.Collections.newSetFromMap(new java.util.IdentityHashMap<>());

    OpenCLDriver(OpenCLContext ctx, Device device, Target target, SpirvRoute spirvRoute) {
        this.ctx = ctx;
        this.device = device;
        this.target = target;
        this.spirvRoute = spirvRoute;
    }

    @Override
    public Device device() {
        return device;
    }

    @Override
    public Target target() {
        return target;
    }

    @Override
    public Object allocate(long bytes) {
        try {
            return CL.clCreateBuffer(ctx.context, CL.CL_MEM_READ_WRITE, bytes, null, null);
        } catch (CLException e) {
            if (isOutOfMemory(e.getStatus())) throw new DeviceOutOfMemoryException(ctx.device.id(), bytes, e);
            throw e;
        }
    }

    /**
     * Off-heap memory can be the buffer itself (CL_MEM_USE_HOST_PTR): copies become map/unmap, free
     * where the driver works in host memory (CPU devices), a copy by the driver elsewhere.
     */
    @Override
    public Object allocateFor(Object hostArray, long bytes) {
        if (!(hostArray instanceof TornadoNativeArray n) || n.getNumBytesOfSegment() == 0) return allocate(bytes);
        try {
            cl_mem mem = CL.clCreateBuffer(ctx.context, CL.CL_MEM_READ_WRITE | CL.CL_MEM_USE_HOST_PTR, n.getNumBytesOfSegment(), pointer(n), null);
            hostBacked.add(mem);
            return mem;
        } catch (CLException e) {
            if (isOutOfMemory(e.getStatus())) throw new DeviceOutOfMemoryException(ctx.device.id(), bytes, e);
            throw e;
        }
    }

    @Override
    public void free(Object buffer) {
        hostBacked.remove(buffer);
        CL.clReleaseMemObject((cl_mem) buffer);
    }

    /**
     * Synchronises a host-pointer buffer with its host memory the way OpenCL defines it: a blocking
     * map (the host memory then holds the device's data; for writing, what the host wrote is what
     * the device sees after the unmap). Returns the device time of both commands.
     */
    private long mapUnmap(cl_mem buffer, long bytes, long flags) {
        cl_event map = new cl_event(), unmap = new cl_event();
        int[] err = new int[1];
        java.nio.ByteBuffer mapped = CL.clEnqueueMapBuffer(ctx.queue, buffer, CL.CL_TRUE, flags, 0, bytes, 0, null, map, err);
        if (err[0] != CL.CL_SUCCESS) throw new CLException("clEnqueueMapBuffer failed: " + CL.stringFor_errorCode(err[0]), err[0]);
        long ns = elapsed(map);
        CL.clEnqueueUnmapMemObject(ctx.queue, buffer, mapped, 0, null, unmap);
        return ns + elapsed(unmap);
    }

    static boolean isOutOfMemory(int status) {
        return status == CL.CL_MEM_OBJECT_ALLOCATION_FAILURE || status == CL.CL_OUT_OF_RESOURCES
                || status == CL.CL_OUT_OF_HOST_MEMORY || status == CL.CL_INVALID_BUFFER_SIZE;
    }

    static Pointer pointer(Object a) {
        return switch (a) {
            case float[] f -> Pointer.to(f);
            case int[] i -> Pointer.to(i);
            case long[] l -> Pointer.to(l);
            case double[] d -> Pointer.to(d);
            case short[] s -> Pointer.to(s);
            case byte[] b -> Pointer.to(b);
            case char[] c -> Pointer.to(c);
            case TornadoNativeArray n -> Pointer.to(n.getSegment().asByteBuffer());
            default -> throw new IllegalArgumentException("not a kernel array: " + a);
        };
    }

    @Override
    public long copyIn(Object buffer, Object hostArray, long bytes) {
        if (hostBacked.contains(buffer)) return mapUnmap((cl_mem) buffer, bytes, CL.CL_MAP_WRITE);
        cl_event ev = new cl_event();
        CL.clEnqueueWriteBuffer(ctx.queue, (cl_mem) buffer, CL.CL_TRUE, 0, bytes, pointer(hostArray), 0, null, ev);
        return elapsed(ev);
    }

    @Override
    public long copyOut(Object buffer, Object hostArray, long bytes) {
        if (hostBacked.contains(buffer)) return mapUnmap((cl_mem) buffer, bytes, CL.CL_MAP_READ);
        cl_event ev = new cl_event();
        CL.clEnqueueReadBuffer(ctx.queue, (cl_mem) buffer, CL.CL_TRUE, 0, bytes, pointer(hostArray), 0, null, ev);
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
    public Module cached(String cacheKey) {
        return ctx.cached(cacheKey);
    }

    @Override
    public Module load(String cacheKey, KernelSource source) {
        return ctx.build(cacheKey, source, spirvRoute);
    }

    @Override
    public long launch(Module module, Object[] args, WorkerGrid grid, String taskId) {
        OpenCLContext.Program p = (OpenCLContext.Program) module;
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case cl_mem m -> CL.clSetKernelArg(p.kernel(), i, Sizeof.cl_mem, Pointer.to(m));
                case Integer v -> CL.clSetKernelArg(p.kernel(), i, Sizeof.cl_int, Pointer.to(new int[]{v}));
                case Long v -> CL.clSetKernelArg(p.kernel(), i, Sizeof.cl_long, Pointer.to(new long[]{v}));
                case Float v -> CL.clSetKernelArg(p.kernel(), i, Sizeof.cl_float, Pointer.to(new float[]{v}));
                case Double v -> CL.clSetKernelArg(p.kernel(), i, Sizeof.cl_double, Pointer.to(new double[]{v}));
                default -> throw new IllegalStateException("kernel argument " + i + " of " + taskId + " is a " + args[i].getClass());
            }
        }
        long[] global = grid.roundedGlobal();
        long[] local = grid.localSize();
        if (local != null) {
            long items = 1;
            for (long l : local) items *= l;
            if (items > ctx.device.maxWorkGroupSize()) {
                throw new IllegalArgumentException("task " + taskId + ": work-group of " + items + " items exceeds the "
                        + ctx.device.maxWorkGroupSize() + " that " + ctx.device.id() + " allows");
            }
        }
        cl_event ev = new cl_event();
        try {
            CL.clEnqueueNDRangeKernel(ctx.queue, p.kernel(), global.length, null, global, local, 0, null, ev);
        } catch (CLException e) {
            if (isOutOfMemory(e.getStatus())) throw new DeviceOutOfMemoryException(ctx.device.id(), 0, e);
            throw new IllegalStateException("task " + taskId + " could not be launched on " + ctx.device.id() + " with " + grid + ": " + e.getMessage(), e);
        }
        return elapsed(ev);
    }

    @Override
    public void finish() {
        CL.clFinish(ctx.queue);
    }
}
