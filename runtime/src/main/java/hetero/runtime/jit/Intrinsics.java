package hetero.runtime.jit;

import hetero.runtime.jit.ir.Intrinsic;

import java.lang.constant.MethodTypeDesc;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

import static hetero.runtime.jit.ir.Intrinsic.*;

/**
 * Static methods the JIT maps to device builtins instead of compiling: KMath, and the parts of
 * java.lang.Math / Float / Double that have exact or well-defined device equivalents. The table is
 * data: (owner, method, descriptor) to an {@link Intrinsic} constant, which each emitter spells for
 * its target.
 */
final class Intrinsics {
    private static final Map<String, Intrinsic> TABLE = new LinkedHashMap<>();

    static {
        String k = Frontend.KMATH;
        for (String f : new String[]{"exp", "log", "sqrt", "rsqrt", "tanh", "sin", "cos", "floor", "ceil", "erf"}) {
            put(k, f, "(F)F", named(f));
        }
        put(k, "abs", "(F)F", ABS);
        put(k, "pow", "(FF)F", POW);
        put(k, "fma", "(FFF)F", FMA);
        put(k, "max", "(FF)F", FMAX);
        put(k, "min", "(FF)F", FMIN);
        put(k, "max", "(II)I", MAX);
        put(k, "min", "(II)I", MIN);

        for (String m : new String[]{"java/lang/Math", "java/lang/StrictMath"}) {
            for (String f : new String[]{"exp", "log", "sqrt", "tanh", "sin", "cos", "tan", "floor", "ceil", "log10", "cbrt"}) {
                put(m, f, "(D)D", named(f));
            }
            put(m, "pow", "(DD)D", POW);
            put(m, "abs", "(I)I", ABS);
            put(m, "abs", "(J)J", ABS);
            put(m, "abs", "(F)F", ABS);
            put(m, "abs", "(D)D", ABS);
            put(m, "max", "(II)I", MAX);
            put(m, "min", "(II)I", MIN);
            put(m, "max", "(JJ)J", MAX);
            put(m, "min", "(JJ)J", MIN);
            // Java's rules: NaN wins, and -0.0 < 0.0 (LegalizeJavaSemantics), unlike C's fmax.
            put(m, "max", "(FF)F", JAVA_MAX);
            put(m, "min", "(FF)F", JAVA_MIN);
            put(m, "max", "(DD)D", JAVA_MAX);
            put(m, "min", "(DD)D", JAVA_MIN);
            put(m, "fma", "(FFF)F", FMA);
            put(m, "fma", "(DDD)D", FMA);
        }
        // TornadoVM's TornadoMath: float functions as KMath's builtins, except max/min, which keep
        // Java's rules (TornadoMath.max is Math.max on the JVM); double ones as java.lang.Math's.
        // Members not listed here (clamp, fract) compile from their Java bodies as device functions.
        String t = Frontend.TORNADO_MATH;
        for (String f : new String[]{"exp", "log", "sqrt", "tanh", "sin", "cos", "tan", "floor", "ceil", "atan", "asin", "acos", "signum"}) {
            Intrinsic fn = f.equals("signum") ? JAVA_SIGNUM : named(f);
            put(t, f, "(F)F", fn);
            put(t, f, "(D)D", fn);
        }
        for (String ty : new String[]{"F", "D", "I", "J"}) {
            put(t, "abs", "(" + ty + ")" + ty, ABS);
            boolean fp = ty.equals("F") || ty.equals("D");
            put(t, "max", "(" + ty + ty + ")" + ty, fp ? JAVA_MAX : MAX);
            put(t, "min", "(" + ty + ty + ")" + ty, fp ? JAVA_MIN : MIN);
        }
        put(t, "pow", "(FF)F", POW);
        put(t, "pow", "(DD)D", POW);
        put(t, "atan2", "(FF)F", ATAN2);
        put(t, "atan2", "(DD)D", ATAN2);
        for (String m : new String[]{"java/lang/Math", "java/lang/StrictMath"}) {
            for (String f : new String[]{"atan", "asin", "acos"}) put(m, f, "(D)D", named(f));
            put(m, "signum", "(D)D", JAVA_SIGNUM);
            put(m, "signum", "(F)F", JAVA_SIGNUM);
            put(m, "atan2", "(DD)D", ATAN2);
        }
        put("java/lang/Float", "isNaN", "(F)Z", ISNAN);
        put("java/lang/Float", "isInfinite", "(F)Z", ISINF);
        put("java/lang/Float", "floatToRawIntBits", "(F)I", BITS_AS_INT);
        put("java/lang/Float", "intBitsToFloat", "(I)F", BITS_AS_FLOAT);
        put("java/lang/Double", "isNaN", "(D)Z", ISNAN);
        put("java/lang/Double", "isInfinite", "(D)Z", ISINF);
        put("java/lang/Double", "doubleToRawLongBits", "(D)J", BITS_AS_LONG);
        put("java/lang/Double", "longBitsToDouble", "(J)D", BITS_AS_DOUBLE);
    }

    private static void put(String owner, String name, String desc, Intrinsic fn) {
        TABLE.put(owner + "." + name + desc, fn);
    }

    /** The constant spelled like the Java method (exp -> EXP), for the families above. */
    private static Intrinsic named(String method) {
        return Intrinsic.valueOf(method.toUpperCase(Locale.ROOT));
    }

    private Intrinsics() {
    }

    /** The builtin a call maps to, or null if it is not an intrinsic. */
    static Intrinsic of(String owner, String method, MethodTypeDesc type) {
        return TABLE.get(owner + "." + method + type.descriptorString());
    }

    /** Every entry, keyed "owner.method(descriptor)", for tests that compile each one. */
    static Map<String, Intrinsic> table() {
        return Collections.unmodifiableMap(TABLE);
    }
}
