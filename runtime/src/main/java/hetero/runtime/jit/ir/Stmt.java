package hetero.runtime.jit.ir;

/** Statements of a basic block; each keeps the Java source line it came from (0 when unknown). */
public sealed interface Stmt {
    int line();

    record Assign(Var target, Expr value, int line) implements Stmt {}

    record Store(Var array, Expr index, Expr value, int line) implements Stmt {}

    /** {@code v.storeToArray(array, index)}: the lanes of a vector value to {@code array[index .. index + N - 1]}. */
    record VectorStore(Var array, Expr index, Expr value, int line) implements Stmt {}

    /**
     * {@code targets[k] = array[index + k]} for every lane k of a vector load, as one statement, so
     * that a target without vector values can still load the lanes together (PTX: {@code ld.v4}
     * where the index is a known multiple of 4). Only {@code VectorLowering} makes it, for targets
     * without {@code nativeVectors()}.
     */
    record LoadLanes(java.util.List<Var> targets, Expr.VectorLoad source, int line) implements Stmt {
        public LoadLanes {
            targets = java.util.List.copyOf(targets);
        }
    }

    /** A call whose result is unused (or void). */
    record Eval(Expr call, int line) implements Stmt {}

    /** {@code array[index] += value} as one atomic operation (KernelContext.atomicAdd); int arrays only. */
    record AtomicAdd(Var array, Expr index, Expr value, int line) implements Stmt {}

    /**
     * {@code new T[N]} of a private array (Var.Kind.PRIVATE_ARRAY): from here every element is zero,
     * as in Java. The array itself is declared once per function, sized by the variable's constant
     * size; this statement is where Java allocates it (inside a loop: every iteration), so targets
     * zero it here. bci is the allocation's bytecode offset, for messages.
     */
    record NewPrivateArray(Var array, int bci, int line) implements Stmt {}

    /** A work-group barrier; global adds a global-memory fence. */
    record Barrier(boolean global, int line) implements Stmt {}
}
