package hetero.runtime.jit.ptx;

import hetero.runtime.jit.KernelAbi;
import hetero.runtime.jit.KernelSource;
import hetero.runtime.jit.Specializer;
import hetero.runtime.jit.Target;

/**
 * PTX for one SM version (the device's compute capability, e.g. sm_90; sm_80 when none is given).
 * sm_80 and later have {@code max.NaN}/{@code min.NaN}, which are Java's float max and min.
 */
public record PtxTarget(String sm) implements Target {
    public PtxTarget() {
        this(PtxEmitter.DEFAULT_TARGET);
    }

    @Override
    public String name() {
        return "ptx";
    }

    @Override
    public boolean nativeJavaMinMax() {
        return true;
    }

    @Override
    public KernelSource emit(Specializer.Specialized kernel, KernelAbi abi, boolean noAlias, long startNanos) {
        return PtxEmitter.emit(kernel, abi, sm, startNanos);
    }
}
