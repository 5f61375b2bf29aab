package hetero.runtime.backend.ptx;

import hetero.runtime.backend.Device;
import hetero.runtime.backend.DeviceOutOfMemoryException;
import hetero.runtime.backend.Driver;
import hetero.runtime.jit.KernelSource;
import hetero.runtime.jit.Target;
import hetero.runtime.jit.ptx.PtxTarget;
import hetero.runtime.kernel.WorkerGrid;
import jcuda.CudaException;
import jcuda.Pointer;
import jcuda.driver.CUdeviceptr;
import jcuda.driver.CUevent;
import jcuda.driver.JCudaDriver;

/** CUDA's driver API as a {@link Driver}: cuMemAlloc, cuMemcpy, cuModuleLoadData, cuLaunchKernel, CUDA events. */
final class PtxDriver implements Driver {
    private final PtxContext ctx;
    private final Target target;

    PtxDriver(PtxContext ctx) {
        this.ctx = ctx;
        this.target = new PtxTarget(ctx.device.version()); // the GPU's own SM version, e.g. sm_90
        ctx.makeCurrent();
    }

    @Override
    public Device device() {
        return ctx.device;
    }

    @Override
    public Target target() {
        return target;
    }

    static Pointer host(Object a) {
        return switch (a) {
            case float[] f -> Pointer.to(f);
            case int[] i -> Pointer.to(i);
            case long[] l -> Pointer.to(l);
            case double[] d -> Pointer.to(d);
            case short[] s -> Pointer.to(s);
            case byte[] b -> Pointer.to(b);
            case char[] c -> Pointer.to(c);
            case uk.ac.manchester.tornado.api.types.arrays.TornadoNativeArray n -> Pointer.to(n.getSegment().asByteBuffer());
            default -> throw new IllegalArgumentException("not a kernel array: " + a);
        };
    }

    @Override
    public Object allocate(long bytes) {
        CUdeviceptr p = new CUdeviceptr();
        try {
            JCudaDriver.cuMemAlloc(p, bytes);
        } catch (CudaException e) {
            if (e.getMessage() != null && e.getMessage().contains("OUT_OF_MEMORY")) {
                throw new DeviceOutOfMemoryException(ctx.device.id(), bytes, e);
            }
            throw e;
        }
        return p;
    }

    @Override
    public void free(Object buffer) {
        JCudaDriver.cuMemFree((CUdeviceptr) buffer);
    }

    private interface Op {
        void run();
    }

    /** Times an operation with CUDA events on the default stream. */
    private static long timed(Op op) {
        CUevent start = new CUevent(), stop = new CUevent();
        JCudaDriver.cuEventCreate(start, 0);
        JCudaDriver.cuEventCreate(stop, 0);
        JCudaDriver.cuEventRecord(start, null);
        op.run();
        JCudaDriver.cuEventRecord(stop, null);
        JCudaDriver.cuEventSynchronize(stop);
        float[] ms = new float[1];
        JCudaDriver.cuEventElapsedTime(ms, start, stop);
        JCudaDriver.cuEventDestroy(start);
        JCudaDriver.cuEventDestroy(stop);
        return (long) (ms[0] * 1e6);
    }

    @Override
    public long copyIn(Object buffer, Object hostArray, long bytes) {
        return timed(() -> JCudaDriver.cuMemcpyHtoD((CUdeviceptr) buffer, host(hostArray), bytes));
    }

    @Override
    public long copyOut(Object buffer, Object hostArray, long bytes) {
        return timed(() -> JCudaDriver.cuMemcpyDtoH(host(hostArray), (CUdeviceptr) buffer, bytes));
    }

    @Override
    public Module cached(String cacheKey) {
        return ctx.cached(cacheKey);
    }

    @Override
    public Module load(String cacheKey, KernelSource source) {
        return ctx.load(cacheKey, source);
    }

    @Override
    public long launch(Module module, Object[] args, WorkerGrid grid, String taskId) {
        PtxContext.Module m = (PtxContext.Module) module;
        Pointer[] params = new Pointer[args.length];
        for (int i = 0; i < args.length; i++) {
            params[i] = switch (args[i]) {
                case CUdeviceptr p -> Pointer.to(p);
                case Integer v -> Pointer.to(new int[]{v});
                case Long v -> Pointer.to(new long[]{v});
                case Float v -> Pointer.to(new float[]{v});
                case Double v -> Pointer.to(new double[]{v});
                default -> throw new IllegalStateException("kernel argument " + i + " of " + taskId + " is a " + args[i].getClass());
            };
        }
        long[] global = pad(grid.roundedGlobal());
        long[] local = grid.localSize() != null ? pad(grid.localSize()) : defaultBlock(grid.dimensions());
        long[] blocks = new long[3];
        for (int d = 0; d < 3; d++) blocks[d] = (global[d] + local[d] - 1) / local[d];
        Pointer kernelParams = Pointer.to(params);
        return timed(() -> JCudaDriver.cuLaunchKernel(m.function(),
                (int) blocks[0], (int) blocks[1], (int) blocks[2],
                (int) local[0], (int) local[1], (int) local[2],
                0, null, kernelParams, null));
    }

    /** A block shape for grids whose work-group size nobody chose: 256 threads, x-major. */
    private static long[] defaultBlock(int dims) {
        return switch (dims) {
            case 1 -> new long[]{256, 1, 1};
            case 2 -> new long[]{32, 8, 1};
            default -> new long[]{32, 4, 2};
        };
    }

    private static long[] pad(long[] v) {
        long[] out = {1, 1, 1};
        System.arraycopy(v, 0, out, 0, v.length);
        return out;
    }

    @Override
    public void finish() {
        JCudaDriver.cuCtxSynchronize();
    }
}
