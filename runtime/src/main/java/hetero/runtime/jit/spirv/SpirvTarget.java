package hetero.runtime.jit.spirv;

import hetero.runtime.jit.KernelAbi;
import hetero.runtime.jit.KernelSource;
import hetero.runtime.jit.Specializer;
import hetero.runtime.jit.Target;

/** SPIR-V 1.0 for the OpenCL environment (Kernel capability, Physical64 addressing). */
public record SpirvTarget() implements Target {
    @Override
    public String name() {
        return "spirv";
    }

    /** FloatN values are OpTypeVector and OpenCL.std vloadn / vstoren. */
    @Override
    public boolean nativeVectors() {
        return true;
    }

    @Override
    public KernelSource emit(Specializer.Specialized kernel, KernelAbi abi, boolean noAlias, long startNanos) {
        return SpirvEmitter.emit(kernel, abi, noAlias, startNanos);
    }
}
