package hetero.runtime.jit;

import java.util.Set;

/** Keeps Java names valid (and unreserved) in C-like device languages. */
public final class CNames {
    private static final Set<String> RESERVED = Set.copyOf(java.util.List.of(
            "auto", "break", "case", "char", "const", "continue", "default", "do", "double", "else", "enum", "extern",
            "float", "for", "goto", "if", "inline", "int", "long", "register", "restrict", "return", "short", "signed",
            "sizeof", "static", "struct", "switch", "typedef", "union", "unsigned", "void", "volatile", "while",
            "kernel", "__kernel", "global", "__global", "local", "__local", "constant", "__constant", "private",
            "__private", "half", "bool", "uint", "ulong", "uchar", "ushort", "size_t", "image2d_t", "sampler_t",
            "event_t", "vector", "pipe", "read_only", "write_only", "exp", "log", "max", "min", "abs", "sqrt",
            "fma", "pow", "tanh", "erf", "sin", "cos", "floor", "ceil", "fmax", "fmin", "isnan", "barrier",
            "true", "false", "NULL", "NAN", "INFINITY", "main", "rsqrt", "tan", "log10", "cbrt", "fabs", "fmod", "signbit",
            "isinf", "as_int", "as_float", "as_long", "as_double", "native_exp", "mad", "clamp", "mix", "sign", "dot",
            "length", "distance", "normalize", "cross", "step", "smoothstep", "select", "any", "all", "round", "trunc",
            "rint", "exp2", "log2", "sinh", "cosh", "asin", "acos", "atan", "hypot", "get_global_id", "get_local_id",
            "get_group_id", "get_global_size", "get_local_size", "get_num_groups", "mem_fence", "printf", "convert_int",
            "double2", "float2", "float4", "float8", "int2", "int4", "uchar", "ptrdiff_t", "intptr_t", "half2"));

    private CNames() {
    }

    public static String safe(String javaName) {
        String n = javaName.replace('$', '_');
        return RESERVED.contains(n) ? n + "_" : n;
    }
}
