package hetero.runtime.jit;

import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.ServiceLoader;
import java.util.Set;

/**
 * One output language of the JIT: what the passes may assume about it (its capabilities) and how
 * it prints legalized IR. {@code lab kernels --dump} and the running backend compile through the
 * same {@link Jit#compile} with the same Target, so what is dumped is what runs. A new output
 * language is one implementation, listed in {@code META-INF/services/hetero.runtime.jit.Target}.
 */
public interface Target {
    /** The name used by {@code --backend} and in cache keys: opencl, ptx, spirv. */
    String name();

    /** Pointer width on the device. */
    default int addressBits() {
        return 64;
    }

    /**
     * Whether the target has float/double max and min with Java's rules (NaN wins, -0.0 < 0.0) as one
     * instruction; when false the legalization pass writes them as selects.
     */
    default boolean nativeJavaMinMax() {
        return false;
    }

    /** The JIT's loop passes, each of which a target may leave off where it does not make its code faster. */
    enum LoopPass {
        /** {@link UnrollConstantLoops}: small constant-trip loops become straight code. */
        UNROLL,
        /** {@link StrengthReduction}: {@code k * s + b} in a loop becomes a variable advanced by {@code c * s}. */
        STRENGTH_REDUCTION,
        /** {@link LoopInvariantCodeMotion}: values a loop does not change are computed once before it. */
        LICM
    }

    /**
     * The loop passes that run for this target: unrolling only, by default. Measured on PoCL, unrolling
     * is what puts private-array tiles in registers (register GEMM 1.1-1.6x strip with it), while
     * strength reduction and LICM gained nothing and their 32-bit temporaries undo the overflow-free
     * variant's 64-bit indices; they cost JIT time too. The system property {@code hetero.jit.loopPasses}
     * (a comma-separated list of {@link LoopPass} names, or {@code none}) replaces this choice for every
     * target, for measurements.
     */
    default Set<LoopPass> loopPasses() {
        return EnumSet.of(LoopPass.UNROLL);
    }

    /**
     * Whether the target prints vector IR (FloatN values, vector loads and stores, lane-wise
     * operations) as vector types; when false {@link VectorLowering} turns every vector into one
     * scalar per lane first.
     */
    default boolean nativeVectors() {
        return false;
    }

    /**
     * Target-specific preparation (structuring, C names) and emission of an already legalized
     * kernel: the IR holds no Java-only semantics any more (see {@link LegalizeJavaSemantics}). The
     * kernel's parameters and local arrays are the ABI's, so every target declares the same ones.
     *
     * <p>Index arithmetic: Java's array indices are int, computed with wrapping arithmetic. An index of
     * type long comes only from {@link OverflowFreeIndexing} (the overflow-free variant, launched where
     * {@link IndexCheck} proves no index wraps): its chain of + - * cannot overflow, so the target prints
     * it where it prints an address, as plain 64-bit arithmetic (no wrap casts, no sign extension).
     *
     * @param noAlias every array argument is a distinct array (C targets may declare them restrict)
     */
    KernelSource emit(Specializer.Specialized kernel, KernelAbi abi, boolean noAlias, long startNanos);

    /** The target called name (the default configuration, e.g. PTX for sm_80). */
    static Target named(String name) {
        Target t = Installed.BY_NAME.get(name);
        if (t == null) {
            throw new IllegalArgumentException("no JIT target '" + name + "'; targets: " + String.join(", ", Installed.BY_NAME.keySet()));
        }
        return t;
    }
}

/** The targets listed in META-INF/services, found once. */
final class Installed {
    static final Map<String, Target> BY_NAME = new LinkedHashMap<>();

    static {
        for (Target t : ServiceLoader.load(Target.class, Target.class.getClassLoader())) BY_NAME.putIfAbsent(t.name(), t);
    }

    private Installed() {
    }
}
