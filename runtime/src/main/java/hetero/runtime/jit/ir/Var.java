package hetero.runtime.jit.ir;

/**
 * A named storage location: a parameter, a Java local (one per slot and type, so a slot reused
 * with another type or name becomes another variable), a temporary introduced for the operand
 * stack, an array in local (work-group shared) memory, or a private array ({@code new float[N]} in
 * a kernel: each work-item has its own).
 */
public final class Var {
    public enum Kind { PARAM, LOCAL, TEMP, LOCAL_ARRAY, PRIVATE_ARRAY }

    public final Kind kind;
    public final Type type;
    /** Java name where known (parameters and locals keep their source names); may be renamed to stay unique. */
    public String name;
    /** Parameter position in the Java signature, or -1. */
    public final int paramIndex;
    /** Number of elements of a LOCAL_ARRAY or PRIVATE_ARRAY; must fold to a constant before emission. */
    public Expr localArraySize;

    public Var(Kind kind, Type type, String name, int paramIndex) {
        this.kind = kind;
        this.type = type;
        this.name = name;
        this.paramIndex = paramIndex;
    }

    /** An array the kernel allocates itself (local or private), whose length is its constant size. */
    public boolean isAllocatedArray() {
        return kind == Kind.LOCAL_ARRAY || kind == Kind.PRIVATE_ARRAY;
    }

    /** The element count of an allocated array once its size is constant (after specialization), else null. */
    public Integer fixedLength() {
        return isAllocatedArray() && localArraySize instanceof Expr.Const c ? c.number().intValue() : null;
    }

    /** The element count of an allocated array, for emitters: constant by then (KernelAbi refused any other). */
    public int constantLength() {
        Integer n = fixedLength();
        if (n == null) throw new IllegalStateException("array '" + name + "' has no constant size: " + localArraySize);
        return n;
    }

    @Override
    public String toString() {
        return name;
    }
}
