package hetero.runtime.jit.ir;

/**
 * A named storage location: a parameter, a Java local (one per slot and type, so a slot reused
 * with another type or name becomes another variable), a temporary introduced for the operand
 * stack, or an array in local (work-group shared) memory.
 */
public final class Var {
    public enum Kind { PARAM, LOCAL, TEMP, LOCAL_ARRAY }

    public final Kind kind;
    public final Type type;
    /** Java name where known (parameters and locals keep their source names); may be renamed to stay unique. */
    public String name;
    /** Parameter position in the Java signature, or -1. */
    public final int paramIndex;
    /** Number of elements of a LOCAL_ARRAY; must fold to a constant before emission. */
    public Expr localArraySize;

    public Var(Kind kind, Type type, String name, int paramIndex) {
        this.kind = kind;
        this.type = type;
        this.name = name;
        this.paramIndex = paramIndex;
    }

    @Override
    public String toString() {
        return name;
    }
}
