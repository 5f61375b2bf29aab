package hetero.runtime.jit;

import java.util.Set;

/** Keeps Java names valid (and unreserved) in C-like device languages. */
final class CNames {
    private static final Set<String> RESERVED = Set.of(
            "auto", "break", "case", "char", "const", "continue", "default", "do", "double", "else", "enum", "extern",
            "float", "for", "goto", "if", "inline", "int", "long", "register", "restrict", "return", "short", "signed",
            "sizeof", "static", "struct", "switch", "typedef", "union", "unsigned", "void", "volatile", "while",
            "kernel", "__kernel", "global", "__global", "local", "__local", "constant", "__constant", "private",
            "__private", "half", "bool", "uint", "ulong", "uchar", "ushort", "size_t", "image2d_t", "sampler_t",
            "event_t", "vector", "pipe", "read_only", "write_only", "exp", "log", "max", "min", "abs", "sqrt",
            "fma", "pow", "tanh", "erf", "sin", "cos", "floor", "ceil", "fmax", "fmin", "isnan", "barrier",
            "true", "false", "NULL", "NAN", "INFINITY", "main");

    private CNames() {
    }

    static String safe(String javaName) {
        String n = javaName.replace('$', '_');
        return RESERVED.contains(n) ? n + "_" : n;
    }
}
