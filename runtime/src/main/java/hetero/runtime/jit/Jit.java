package hetero.runtime.jit;

import hetero.runtime.jit.ir.Expr;
import hetero.runtime.jit.ir.Function;
import hetero.runtime.jit.Target.LoopPass;

import java.util.Arrays;
import java.util.EnumSet;
import java.util.IdentityHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.UnaryOperator;

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
        Set<LoopPass> loops = loopPassesFor(spec, target);                              // (asked before legalization: see there)
        spec = LegalizeJavaSemantics.apply(spec, target);                               // Java's rules -> plain IR
        if (abi.usesVectors()) spec = VectorLowering.apply(spec, target);               // FloatN -> the target's vectors or lanes
        if (!loops.isEmpty()) spec = loopPasses(spec, loops);                           // unroll, strength-reduce, hoist (below)
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

    /** The loop passes the property {@code hetero.jit.loopPasses} names, or null: each target's own choice. */
    private static final Set<LoopPass> LOOP_PASSES_OVERRIDE = loopPassesProperty(System.getProperty("hetero.jit.loopPasses"));

    static Set<LoopPass> loopPassesProperty(String value) {
        if (value == null || value.isBlank()) return null;
        Set<LoopPass> out = EnumSet.noneOf(LoopPass.class);
        if (value.trim().equals("none")) return out;
        for (String name : value.split(",")) {
            try {
                out.add(LoopPass.valueOf(name.trim().toUpperCase(Locale.ROOT)));
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("hetero.jit.loopPasses: no loop pass '" + name.trim() + "'; passes: "
                        + Arrays.toString(LoopPass.values()) + " or none");
            }
        }
        return out;
    }

    /** The default: with the unroller alone, a kernel without a candidate loop is left as it is. */
    private static final Set<LoopPass> UNROLL_ONLY = EnumSet.of(LoopPass.UNROLL);

    /**
     * The loop passes to run: the target's (or the property's), or none when only the unroller is on
     * and no function has a candidate loop (then no copies and no CFGs). Asked of the specialized IR,
     * before legalization, whose answers the frontend's IR keeps (Function#fact): legalization
     * rewrites expressions and adds assignments, never a loop or a branch, so the answer is the same.
     */
    private static Set<LoopPass> loopPassesFor(Specializer.Specialized spec, Target target) {
        Set<LoopPass> on = LOOP_PASSES_OVERRIDE != null ? LOOP_PASSES_OVERRIDE : target.loopPasses();
        if (on.equals(UNROLL_ONLY) && !UnrollConstantLoops.mayApply(spec.function())
                && Analysis.callees(spec.function()).stream().noneMatch(UnrollConstantLoops::mayApply)) {
            return Set.of();
        }
        return on;
    }

    /**
     * The loop passes, in this order, on one private copy of the kernel and of each device function
     * it calls, which each pass edits in place (so the copy and the CFG are made once per function,
     * not once per pass); a target may leave any of them off. With the unroller alone, a function
     * with no candidate loop and no changed callee is kept as it is.
     */
    private static Specializer.Specialized loopPasses(Specializer.Specialized spec, Set<LoopPass> on) {
        return new Specializer.Specialized(loopPasses(spec.function(), on, new IdentityHashMap<>()), spec.constants());
    }

    private static Function loopPasses(Function in, Set<LoopPass> on, Map<Function, Function> done) {
        Function known = done.get(in);
        if (known != null) return known;
        boolean calleeChanged = false;                                                          // callees first (callees() lists them so)
        for (Function c : Analysis.callees(in)) calleeChanged |= loopPasses(c, on, done) != c;
        if (on.equals(UNROLL_ONLY) && !calleeChanged && !UnrollConstantLoops.mayApply(in)) {
            done.put(in, in);                                                                   // nothing here can change: no copy, no CFG
            return in;
        }
        Function f = IrCopy.copy(in, !calleeChanged ? UnaryOperator.identity()
                        : e -> ExprWalk.map(e, x -> x instanceof Expr.Call c ? new Expr.Call(done.get(c.callee()), c.args()) : x),
                IrCopy.none());                                                                 // a private copy calling optimized callees
        done.put(in, f);
        Cfg cfg = new Cfg(f);
        if (cfg.loops.isEmpty()) return f;
        boolean more = on.contains(LoopPass.STRENGTH_REDUCTION) || on.contains(LoopPass.LICM);
        if (on.contains(LoopPass.UNROLL) && UnrollConstantLoops.run(f, cfg) && more) cfg = new Cfg(f);   // small constant-trip loops -> straight code
        if (!more) return f;                                                                    // the default: unrolling only
        if (Loops.addPreheaders(f, cfg)) cfg = new Cfg(f);                                     // one block before each loop
        if (on.contains(LoopPass.STRENGTH_REDUCTION)) StrengthReduction.run(f, cfg);            // k*s+b in a loop -> p += c*s
        if (on.contains(LoopPass.LICM)) LoopInvariantCodeMotion.run(f, cfg);                    // invariant values -> before the loop
        return f;
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
