package hetero.runtime.jit;

import hetero.runtime.jit.ir.Function;

import java.util.Map;

/**
 * The JIT's pipeline, in the order the passes run; each pass returns new IR and never changes its
 * input (the frontend's cache and other specializations share it). A new pass is one line here.
 * Compile time is the JIT's alone (the driver's build of the result is separate).
 */
public final class Jit {
    private Jit() {
    }

    /**
     * @param constants scalar parameters to fold, by parameter index ({@link KernelRef#parameterIndex})
     * @param noAlias   every array argument is a distinct array
     */
    public static KernelSource compile(KernelRef kernel, Map<Integer, Object> constants, boolean noAlias, Target target) {
        long t0 = System.nanoTime();
        Function ir = Frontend.kernel(kernel);                                          // bytecode -> IR (cached)
        Specializer.Specialized spec = Specializer.apply(ir, constants);                // scalars -> constants, folded
        KernelAbi abi = KernelAbi.of(spec);                                             // the host's view, once
        spec = LegalizeJavaSemantics.apply(spec, target);                               // Java's rules -> plain IR
        spec = VectorLowering.apply(spec, target);                                      // FloatN -> the target's vectors or lanes
        // loop passes go here
        KernelSource src = target.emit(spec, abi, noAlias, t0);                         // structuring, names, text
        return new KernelSource(src.backend(), src.entryPoint(), src.text(), src.binary(), abi, System.nanoTime() - t0);
    }

    /** The ABI alone, for a backend that runs the bytecode itself (jvm): frontend and specializer only. */
    public static KernelAbi abi(KernelRef kernel, Map<Integer, Object> constants) {
        return KernelAbi.of(Specializer.apply(Frontend.kernel(kernel), constants));
    }

    /** The same compile for tools that name the target and parameters ({@code lab kernels --dump --set}). */
    public static KernelSource compile(KernelRef kernel, Map<String, Object> constantsByName, boolean noAlias, String target) {
        return compile(kernel, kernel.byIndex(constantsByName), noAlias, Target.named(target));
    }

    /** The generated code as text, for people: {@code lab kernels --dump}. */
    public static String dump(KernelRef kernel, Map<String, Object> constants, String target) {
        return compile(kernel, constants, false, target).text();
    }
}
