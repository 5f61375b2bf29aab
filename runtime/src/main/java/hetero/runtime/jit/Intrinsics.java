package hetero.runtime.jit;

import java.lang.constant.MethodTypeDesc;
import java.util.HashMap;
import java.util.Map;

/**
 * Static methods the JIT maps to device builtins instead of compiling: KMath, and the parts of
 * java.lang.Math / Float / Double that have exact or well-defined device equivalents. The IR keeps
 * a backend-neutral name; each emitter spells it for its target.
 */
final class Intrinsics {
    private static final Map<String, String> TABLE = new HashMap<>();

    static {
        String k = Frontend.KMATH;
        for (String f : new String[]{"exp", "log", "sqrt", "rsqrt", "tanh", "sin", "cos", "floor", "ceil", "erf"}) {
            put(k, f, "(F)F", f);
        }
        put(k, "abs", "(F)F", "abs");
        put(k, "pow", "(FF)F", "pow");
        put(k, "fma", "(FFF)F", "fma");
        put(k, "max", "(FF)F", "fmax");
        put(k, "min", "(FF)F", "fmin");
        put(k, "max", "(II)I", "max");
        put(k, "min", "(II)I", "min");

        for (String m : new String[]{"java/lang/Math", "java/lang/StrictMath"}) {
            for (String f : new String[]{"exp", "log", "sqrt", "tanh", "sin", "cos", "tan", "floor", "ceil", "log10", "cbrt"}) {
                put(m, f, "(D)D", f);
            }
            put(m, "pow", "(DD)D", "pow");
            put(m, "abs", "(I)I", "abs");
            put(m, "abs", "(J)J", "abs");
            put(m, "abs", "(F)F", "abs");
            put(m, "abs", "(D)D", "abs");
            put(m, "max", "(II)I", "max");
            put(m, "min", "(II)I", "min");
            put(m, "max", "(JJ)J", "max");
            put(m, "min", "(JJ)J", "min");
            // Java's rules: NaN wins, and -0.0 < 0.0; emitted as small helpers, not fmax.
            put(m, "max", "(FF)F", "java_max");
            put(m, "min", "(FF)F", "java_min");
            put(m, "max", "(DD)D", "java_max");
            put(m, "min", "(DD)D", "java_min");
            put(m, "fma", "(FFF)F", "fma");
            put(m, "fma", "(DDD)D", "fma");
        }
        // TornadoVM's TornadoMath: float functions as KMath's builtins, except max/min, which keep
        // Java's rules (TornadoMath.max is Math.max on the JVM); double ones as java.lang.Math's.
        // Members not listed here (clamp, fract) compile from their Java bodies as device functions.
        String t = Frontend.TORNADO_MATH;
        for (String f : new String[]{"exp", "log", "sqrt", "tanh", "sin", "cos", "tan", "floor", "ceil", "atan", "asin", "acos", "signum"}) {
            put(t, f, "(F)F", f.equals("signum") ? "java_signum" : f);
            put(t, f, "(D)D", f.equals("signum") ? "java_signum" : f);
        }
        for (String ty : new String[]{"F", "D", "I", "J"}) {
            put(t, "abs", "(" + ty + ")" + ty, "abs");
            boolean fp = ty.equals("F") || ty.equals("D");
            put(t, "max", "(" + ty + ty + ")" + ty, fp ? "java_max" : "max");
            put(t, "min", "(" + ty + ty + ")" + ty, fp ? "java_min" : "min");
        }
        put(t, "pow", "(FF)F", "pow");
        put(t, "pow", "(DD)D", "pow");
        put(t, "atan2", "(FF)F", "atan2");
        put(t, "atan2", "(DD)D", "atan2");
        for (String m : new String[]{"java/lang/Math", "java/lang/StrictMath"}) {
            for (String f : new String[]{"atan", "asin", "acos"}) put(m, f, "(D)D", f);
            put(m, "signum", "(D)D", "java_signum");
            put(m, "signum", "(F)F", "java_signum");
            put(m, "atan2", "(DD)D", "atan2");
        }
        put("java/lang/Float", "isNaN", "(F)Z", "isnan");
        put("java/lang/Float", "isInfinite", "(F)Z", "isinf");
        put("java/lang/Float", "floatToRawIntBits", "(F)I", "bits_as_int");
        put("java/lang/Float", "intBitsToFloat", "(I)F", "bits_as_float");
        put("java/lang/Double", "isNaN", "(D)Z", "isnan");
        put("java/lang/Double", "isInfinite", "(D)Z", "isinf");
        put("java/lang/Double", "doubleToRawLongBits", "(D)J", "bits_as_long");
        put("java/lang/Double", "longBitsToDouble", "(J)D", "bits_as_double");
    }

    private static void put(String owner, String name, String desc, String canonical) {
        TABLE.put(owner + "." + name + desc, canonical);
    }

    private Intrinsics() {
    }

    /** The builtin a call maps to, or null if it is not an intrinsic. */
    static String name(String owner, String method, MethodTypeDesc type) {
        return TABLE.get(owner + "." + method + type.descriptorString());
    }
}
