package hetero.runtime.backend.ptx;

import hetero.runtime.api.WorkerGrid;
import hetero.runtime.backend.Device;
import hetero.runtime.backend.DeviceOutOfMemoryException;
import hetero.runtime.backend.DeviceSession;
import hetero.runtime.backend.KernelLaunch;
import hetero.runtime.jit.GridPlanner;
import hetero.runtime.jit.Jit;
import hetero.runtime.jit.KernelAbi;
import hetero.runtime.jit.KernelSource;
import hetero.runtime.jit.ptx.PtxTarget;
import jcuda.CudaException;
import jcuda.Pointer;
import jcuda.driver.CUdeviceptr;
import jcuda.driver.CUevent;
import jcuda.driver.CUresult;
import jcuda.driver.JCudaDriver;

import java.lang.reflect.Array;
import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;

/** Device memory of one plan on one GPU, keyed by array identity; times from CUDA events. */
final class PtxSession implements DeviceSession {
    private final PtxContext ctx;
    private final Map<Object, CUdeviceptr> buffers = new IdentityHashMap<>();
    private long allocated;

    PtxSession(PtxContext ctx) {
        this.ctx = ctx;
        ctx.makeCurrent();
    }

    @Override
    public Device device() {
        return ctx.device;
    }

    static long bytes(Object a) {
        return hetero.runtime.backend.HostArrays.bytes(a);
    }

    static Pointer host(Object a) {
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
        CUdeviceptr p = new CUdeviceptr();
        try {
            JCudaDriver.cuMemAlloc(p, size);
        } catch (CudaException e) {
            if (e.getMessage() != null && e.getMessage().contains("OUT_OF_MEMORY")) {
                throw new DeviceOutOfMemoryException(ctx.device.id(), size, allocated, e);
            }
            throw e;
        }
        buffers.put(array, p);
        allocated += size;
        return true;
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
    public long copyIn(Object array) {
        long n = bytes(array);
        if (n == 0) return 0;
        return timed(() -> JCudaDriver.cuMemcpyHtoD(buffers.get(array), host(array), n));
    }

    @Override
    public long copyOut(Object array) {
        long n = bytes(array);
        if (n == 0) return 0;
        return timed(() -> JCudaDriver.cuMemcpyDtoH(host(array), buffers.get(array), n));
    }

    @Override
    public Compiled compile(KernelLaunch launch) {
        String key = launch.kernel().qualifiedName() + launch.kernel().descriptor() + launch.constants() + "@" + ctx.device.id();
        PtxContext.Module m = ctx.cached(key);
        if (m != null) return PtxContext.compiled(m, true);
        KernelSource src = Jit.compile(launch.kernel(), launch.constants(), false, new PtxTarget(ctx.device.version()));
        return PtxContext.compiled(ctx.load(key, src), false);
    }

    @Override
    public long launch(Compiled kernel, KernelLaunch launch) {
        PtxContext.Module m = ctx.cached(kernel.cacheKey());
        KernelSource src = m.source();
        Object[] args = launch.args();
        List<Pointer> params = new ArrayList<>();
        for (KernelAbi.Arg a : src.abi().args()) {
            Object v = args[a.javaIndex()];
            switch (a.kind()) {
                case BUFFER -> params.add(Pointer.to(buffers.get(v)));
                case LENGTH -> params.add(Pointer.to(new int[]{Array.getLength(v)}));
                case SCALAR -> params.add(switch (a.type()) {
                    case INT -> Pointer.to(new int[]{v instanceof Boolean b ? (b ? 1 : 0) : ((Number) v).intValue()});
                    case LONG -> Pointer.to(new long[]{((Number) v).longValue()});
                    case FLOAT -> Pointer.to(new float[]{((Number) v).floatValue()});
                    case DOUBLE -> Pointer.to(new double[]{((Number) v).doubleValue()});
                    default -> throw new IllegalStateException("scalar of type " + a.type());
                });
            }
        }
        WorkerGrid grid = launch.grid() != null ? launch.grid() : GridPlanner.defaultGrid(src.abi().grid(), args, launch.taskId());
        long[] global = pad(grid.roundedGlobal());
        long[] local = grid.localSize() != null ? pad(grid.localSize()) : defaultBlock(grid.dimensions());
        long[] blocks = new long[3];
        for (int d = 0; d < 3; d++) blocks[d] = (global[d] + local[d] - 1) / local[d];
        Pointer kernelParams = Pointer.to(params.toArray(new Pointer[0]));
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
        for (CUdeviceptr p : buffers.values()) JCudaDriver.cuMemFree(p);
        buffers.clear();
        allocated = 0;
    }

    static String describe(int code) {
        return CUresult.stringFor(code);
    }
}
