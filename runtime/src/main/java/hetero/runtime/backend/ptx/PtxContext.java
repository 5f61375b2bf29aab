package hetero.runtime.backend.ptx;

import hetero.runtime.backend.Device;
import hetero.runtime.backend.Driver;
import hetero.runtime.backend.KernelBuildException;
import hetero.runtime.jit.KernelSource;
import jcuda.CudaException;
import jcuda.driver.CUcontext;
import jcuda.driver.CUdevice;
import jcuda.driver.CUfunction;
import jcuda.driver.CUmodule;
import jcuda.driver.JCudaDriver;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/** A CUDA context on one GPU and its cache of loaded modules. */
final class PtxContext {
    final Device device;
    final CUcontext context = new CUcontext();
    private final Map<String, Module> modules = new ConcurrentHashMap<>();

    record Module(String cacheKey, KernelSource source, CUmodule module, CUfunction function, long buildNanos) implements Driver.Module {}

    PtxContext(Device device, int ordinal) {
        this.device = device;
        CUdevice dev = new CUdevice();
        JCudaDriver.cuDeviceGet(dev, ordinal);
        JCudaDriver.cuCtxCreate(context, 0, dev);
    }

    void makeCurrent() {
        JCudaDriver.cuCtxSetCurrent(context);
    }

    Module cached(String key) {
        return modules.get(key);
    }

    /** Loads PTX through the driver's JIT (its compile time is the build time). */
    synchronized Module load(String key, KernelSource src) {
        Module m = modules.get(key);
        if (m != null) return m;
        makeCurrent();
        long t0 = System.nanoTime();
        CUmodule module = new CUmodule();
        try {
            JCudaDriver.cuModuleLoadData(module, src.text());
        } catch (CudaException e) {
            throw new KernelBuildException(device.id(), src.abi().kernel(), e.getMessage(), src.text());
        }
        CUfunction fn = new CUfunction();
        JCudaDriver.cuModuleGetFunction(fn, module, src.entryPoint());
        m = new Module(key, src, module, fn, System.nanoTime() - t0);
        modules.put(key, m);
        return m;
    }
}
