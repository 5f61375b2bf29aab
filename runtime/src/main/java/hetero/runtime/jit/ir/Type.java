package hetero.runtime.jit.ir;

/** The value types of the kernel language. Java's boolean/byte/short/char values live in INT, as on the JVM. */
public enum Type {
    BOOLEAN("bool", 1), INT("int", 4), LONG("long", 8), FLOAT("float", 4), DOUBLE("double", 8),
    INT_ARRAY("int[]", 4), LONG_ARRAY("long[]", 8), FLOAT_ARRAY("float[]", 4), DOUBLE_ARRAY("double[]", 8),
    /** Narrow arrays: elements are INT values in the kernel (as on the JVM), stored in 16 or 8 bits. */
    SHORT_ARRAY("short[]", 2), BYTE_ARRAY("byte[]", 1), CHAR_ARRAY("char[]", 2),
    /** The KernelContext parameter: it has no device representation, only its queries do. */
    CONTEXT("KernelContext", 0),
    /**
     * TornadoVM's float vectors (uk.ac.manchester.tornado.api.types.vectors.FloatN): values in
     * registers on a device, never heap objects (see VectorCalls for what kernels may do with them).
     */
    FLOAT2("Float2", 8), FLOAT4("Float4", 16), FLOAT8("Float8", 32), FLOAT16("Float16", 64),
    VOID("void", 0);

    private static final String VECTORS = "uk/ac/manchester/tornado/api/types/vectors/";

    private static final String NATIVE_ARRAYS = "uk.ac.manchester.tornado.api.types.arrays.";

    public final String javaName;
    /** Size of a value, or of one element for arrays. */
    public final int bytes;

    Type(String javaName, int bytes) {
        this.javaName = javaName;
        this.bytes = bytes;
    }

    public boolean isArray() {
        return this == INT_ARRAY || this == LONG_ARRAY || this == FLOAT_ARRAY || this == DOUBLE_ARRAY || isNarrowArray();
    }

    /** short[], byte[], char[]: loads sign-extend (char: zero-extend) to int, stores truncate. */
    public boolean isNarrowArray() {
        return this == SHORT_ARRAY || this == BYTE_ARRAY || this == CHAR_ARRAY;
    }

    /** The JVM descriptor of an array's elements: I, J, F, D, S, B, C. */
    public String elementDescriptor() {
        return switch (this) {
            case SHORT_ARRAY -> "S";
            case BYTE_ARRAY -> "B";
            case CHAR_ARRAY -> "C";
            default -> elementType().descriptorLetter();
        };
    }

    public boolean isFloating() {
        return this == FLOAT || this == DOUBLE;
    }

    public boolean isIntegral() {
        return this == INT || this == LONG;
    }

    /** A vector value (FloatN). */
    public boolean isVector() {
        return this == FLOAT2 || this == FLOAT4 || this == FLOAT8 || this == FLOAT16;
    }

    /** Number of lanes of a vector. */
    public int lanes() {
        return switch (this) {
            case FLOAT2 -> 2;
            case FLOAT4 -> 4;
            case FLOAT8 -> 8;
            case FLOAT16 -> 16;
            default -> throw new IllegalStateException(this + " is not a vector type");
        };
    }

    /** The type of one lane of a vector. */
    public Type laneType() {
        if (!isVector()) throw new IllegalStateException(this + " is not a vector type");
        return FLOAT;
    }

    /** The vector of `lanes` values of this scalar type, or null where the kernel language has none. */
    public Type vectorOf(int lanes) {
        if (this != FLOAT) return null;
        return switch (lanes) {
            case 2 -> FLOAT2;
            case 4 -> FLOAT4;
            case 8 -> FLOAT8;
            case 16 -> FLOAT16;
            default -> null;
        };
    }

    /** The vector type of a TornadoVM vector class (internal name), or null (Float3 and the Int/Double vectors are not supported in kernels). */
    public static Type vectorClass(String internalName) {
        if (!internalName.startsWith(VECTORS)) return null;
        return switch (internalName.substring(VECTORS.length())) {
            case "Float2" -> FLOAT2;
            case "Float4" -> FLOAT4;
            case "Float8" -> FLOAT8;
            case "Float16" -> FLOAT16;
            default -> null;
        };
    }

    /** Whether an internal class name is one of TornadoVM's vector classes (supported in kernels or not). */
    public static boolean isVectorPackage(String internalName) {
        return internalName.startsWith(VECTORS);
    }

    public Type elementType() {
        return switch (this) {
            case INT_ARRAY -> INT;
            case LONG_ARRAY -> LONG;
            case FLOAT_ARRAY -> FLOAT;
            case DOUBLE_ARRAY -> DOUBLE;
            case SHORT_ARRAY, BYTE_ARRAY, CHAR_ARRAY -> INT;
            default -> throw new IllegalStateException(this + " is not an array type");
        };
    }

    /** The JVM descriptor of a scalar type: I, J, F, D (Z for BOOLEAN). */
    public String descriptorLetter() {
        return switch (this) {
            case BOOLEAN -> "Z";
            case INT -> "I";
            case LONG -> "J";
            case FLOAT -> "F";
            case DOUBLE -> "D";
            default -> throw new IllegalStateException(this + " is not a scalar type");
        };
    }

    public Type arrayOf() {
        return switch (this) {
            case INT -> INT_ARRAY;
            case LONG -> LONG_ARRAY;
            case FLOAT -> FLOAT_ARRAY;
            case DOUBLE -> DOUBLE_ARRAY;
            default -> throw new IllegalStateException("no array of " + this);
        };
    }

    /** The kernel-language type of a Java class, or null where it has none. */
    public static Type of(Class<?> c) {
        if (c == int.class || c == boolean.class || c == byte.class || c == short.class || c == char.class) return INT;
        if (c == long.class) return LONG;
        if (c == float.class) return FLOAT;
        if (c == double.class) return DOUBLE;
        if (c == int[].class) return INT_ARRAY;
        if (c == long[].class) return LONG_ARRAY;
        if (c == float[].class) return FLOAT_ARRAY;
        if (c == double[].class) return DOUBLE_ARRAY;
        if (c == short[].class) return SHORT_ARRAY;
        if (c == byte[].class) return BYTE_ARRAY;
        if (c == char[].class) return CHAR_ARRAY;
        if (c == void.class) return VOID;
        if (c.getName().startsWith(NATIVE_ARRAYS)) return ofDescriptor("L" + c.getName().replace('.', '/') + ";");
        if (c.getName().equals("hetero.runtime.api.KernelContext") || c.getName().equals("uk.ac.manchester.tornado.api.KernelContext")) return CONTEXT;
        return null;
    }

    /** The type named by a field/method descriptor component such as "F", "[I", "Lhetero/runtime/api/KernelContext;". */
    public static Type ofDescriptor(String d) {
        return switch (d) {
            case "I", "Z", "B", "S", "C" -> INT;
            case "J" -> LONG;
            case "F" -> FLOAT;
            case "D" -> DOUBLE;
            case "[I" -> INT_ARRAY;
            case "[J" -> LONG_ARRAY;
            case "[F" -> FLOAT_ARRAY;
            case "[D" -> DOUBLE_ARRAY;
            case "[S" -> SHORT_ARRAY;
            case "[B" -> BYTE_ARRAY;
            case "[C" -> CHAR_ARRAY;
            case "V" -> VOID;
            case "Lhetero/runtime/api/KernelContext;", "Luk/ac/manchester/tornado/api/KernelContext;" -> CONTEXT;
            // TornadoVM's off-heap arrays are device arrays like the primitive ones: get/set/getSize
            // become loads, stores and the length.
            case "Luk/ac/manchester/tornado/api/types/arrays/IntArray;" -> INT_ARRAY;
            case "Luk/ac/manchester/tornado/api/types/arrays/LongArray;" -> LONG_ARRAY;
            case "Luk/ac/manchester/tornado/api/types/arrays/FloatArray;" -> FLOAT_ARRAY;
            case "Luk/ac/manchester/tornado/api/types/arrays/DoubleArray;" -> DOUBLE_ARRAY;
            case "Luk/ac/manchester/tornado/api/types/arrays/ShortArray;" -> SHORT_ARRAY;
            case "Luk/ac/manchester/tornado/api/types/arrays/ByteArray;" -> BYTE_ARRAY;
            case "Luk/ac/manchester/tornado/api/types/arrays/CharArray;" -> CHAR_ARRAY;
            default -> null;
        };
    }
}
