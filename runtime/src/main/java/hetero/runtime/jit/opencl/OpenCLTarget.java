package hetero.runtime.jit.opencl;

import hetero.runtime.jit.KernelAbi;
import hetero.runtime.jit.KernelSource;
import hetero.runtime.jit.Specializer;
import hetero.runtime.jit.Target;

/** OpenCL C 1.2 with 64-bit pointers: structured C with Java names (see {@link OpenCLEmitter}). */
public record OpenCLTarget() implements Target {
    @Override
    public String name() {
        return "opencl";
    }

    /** FloatN values are OpenCL C's floatN, vloadN and vstoreN. */
    @Override
    public boolean nativeVectors() {
        return true;
    }

    @Override
    public KernelSource emit(Specializer.Specialized kernel, KernelAbi abi, boolean noAlias, long startNanos) {
        return OpenCLEmitter.emit(kernel, abi, noAlias, startNanos);
    }
}
