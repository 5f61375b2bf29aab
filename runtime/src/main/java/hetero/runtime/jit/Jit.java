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
        return compile(kernel, constants, noAlias, target, Indexing.EXACT);
    }

    /**
     * @param indexing OVERFLOW_FREE compiles the variant whose index arithmetic is 64-bit; launch it only
     *                 where {@link #indexCheck} holds for the launch (the session does)
     */
    public static KernelSource compile(KernelRef kernel, Map<Integer, Object> constants, boolean noAlias, Target target, Indexing indexing) {
        long t0 = System.nanoTime();
        Function ir = Frontend.kernel(kernel);                                          // bytecode -> IR (cached)
        Specializer.Specialized spec = Specializer.apply(ir, constants);                // scalars -> constants, folded
        KernelAbi abi = KernelAbi.of(spec);                                             // the host's view, once
        spec = LegalizeJavaSemantics.apply(spec, target);                               // Java's rules -> plain IR
        // loop passes go here
        if (indexing == Indexing.OVERFLOW_FREE) spec = OverflowFreeIndexing.apply(spec);   // index chains -> long
        KernelSource src = target.emit(spec, abi, noAlias, t0);                         // structuring, names, text
        return new KernelSource(src.backend(), src.entryPoint(), src.text(), src.binary(), abi, System.nanoTime() - t0);
    }

    /**
     * The launch-time check of the overflow-free variant, from the IR that variant is compiled from
     * (frontend, specializer and legalization as in {@link #compile}); sessions build it once per kernel
     * and specialization and evaluate it on every launch.
     */
    public static IndexCheck indexCheck(KernelRef kernel, Map<Integer, Object> constants, Target target) {
        Specializer.Specialized spec = LegalizeJavaSemantics.apply(Specializer.apply(Frontend.kernel(kernel), constants), target);
        return OverflowFreeIndexing.analyse(spec);
    }

    /** The ABI alone, for a backend that runs the bytecode itself (jvm): frontend and specializer only. */
    public static KernelAbi abi(KernelRef kernel, Map<Integer, Object> constants) {
        return KernelAbi.of(Specializer.apply(Frontend.kernel(kernel), constants));
    }

    /** The same compile for tools that name the target and parameters ({@code lab kernels --dump --set}). */
    public static KernelSource compile(KernelRef kernel, Map<String, Object> constantsByName, boolean noAlias, String target) {
        return compile(kernel, kernel.byIndex(constantsByName), noAlias, Target.named(target));
    }

    /** As above, in either indexing variant ({@code lab kernels --dump --indexing overflow-free}). */
    public static KernelSource compile(KernelRef kernel, Map<String, Object> constantsByName, boolean noAlias, String target, Indexing indexing) {
        return compile(kernel, kernel.byIndex(constantsByName), noAlias, Target.named(target), indexing);
    }

    /** The generated code as text, for people: {@code lab kernels --dump}. */
    public static String dump(KernelRef kernel, Map<String, Object> constants, String target) {
        return compile(kernel, constants, false, target).text();
    }
}
