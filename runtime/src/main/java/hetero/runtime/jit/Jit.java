package hetero.runtime.jit;

import hetero.runtime.jit.ir.Function;
import hetero.runtime.jit.opencl.OpenCLEmitter;
import hetero.runtime.jit.ptx.PtxEmitter;
import hetero.runtime.jit.spirv.SpirvEmitter;

import java.util.Map;

/**
 * The JIT's front door: bytecode of a kernel, plus the values to specialize, to device code for a
 * backend. Compile time here is the JIT's alone (the driver's build of the source is separate).
 */
public final class Jit {
    private Jit() {
    }

    public static KernelSource compile(KernelRef kernel, Map<String, Object> constants, boolean noAlias, String backend) {
        long t0 = System.nanoTime();
        Function ir = Frontend.kernel(kernel);
        Specializer.Specialized spec = Specializer.apply(ir, constants);
        return switch (backend) {
            case "opencl" -> OpenCLEmitter.emit(spec, noAlias, t0);
            case "ptx" -> PtxEmitter.emit(spec, PtxEmitter.DEFAULT_TARGET, t0);
            case "spirv" -> SpirvEmitter.emit(spec, noAlias, t0);
            default -> throw new IllegalArgumentException("no JIT target '" + backend + "'; targets: opencl, ptx, spirv");
        };
    }

    /** The generated code as text, for people: {@code lab kernels --dump}. */
    public static String dump(KernelRef kernel, Map<String, Object> constants, String backend) {
        return compile(kernel, constants, false, backend).text();
    }
}
