package hetero.runtime.jit.ir;

import java.util.Locale;

/**
 * The device builtins the IR can call ({@link Expr.Intrinsic}). The frontend maps KMath,
 * java.lang.Math, TornadoMath, Float and Double methods to these (see the JIT's Intrinsics table);
 * every emitter switches over all of them without a default, so a constant added here is a
 * compile error in each target until it says how to print it (or refuses it by name).
 */
public enum Intrinsic {
    EXP(1), LOG(1), LOG10(1), SQRT(1), RSQRT(1), CBRT(1),
    SIN(1), COS(1), TAN(1), ASIN(1), ACOS(1), ATAN(1), ATAN2(2), TANH(1), ERF(1),
    FLOOR(1), CEIL(1), POW(2), FMA(3),
    /** Absolute value of an int, long, float or double. */
    ABS(1),
    /** Integer max/min (int or long). */
    MAX(2), MIN(2),
    /** KMath's float max/min: C's fmax/fmin (NaN loses), with -0.0 < 0.0 added by the legalization pass. */
    FMAX(2), FMIN(2),
    /** Math.max/min on floats and doubles: NaN wins and -0.0 < 0.0; legalized to selects unless the target has the instruction. */
    JAVA_MAX(2), JAVA_MIN(2),
    /** Math.signum; always legalized to selects, so no emitter sees it. */
    JAVA_SIGNUM(1),
    /** Float/Double.isNaN and isInfinite: 1 or 0. */
    ISNAN(1), ISINF(1),
    /** Raw bit reinterpretation (floatToRawIntBits and friends). */
    BITS_AS_INT(1), BITS_AS_FLOAT(1), BITS_AS_LONG(1), BITS_AS_DOUBLE(1);

    /** Number of arguments. */
    public final int arity;

    Intrinsic(int arity) {
        this.arity = arity;
    }

    /** The lower-case name: the OpenCL C / OpenCL.std spelling where one exists, and what messages print. */
    public String spelling() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** The error for a constant that {@code LegalizeJavaSemantics} rewrites before any emitter runs. */
    public IllegalStateException notLegalized() {
        return new IllegalStateException(this + " reached an emitter; the legalization pass rewrites it into plain IR");
    }

    /** Whether this is a max or min of some kind (what reductions and the grid planner recognize). */
    public boolean isMax() {
        return this == MAX || this == FMAX || this == JAVA_MAX;
    }

    public boolean isMin() {
        return this == MIN || this == FMIN || this == JAVA_MIN;
    }
}
