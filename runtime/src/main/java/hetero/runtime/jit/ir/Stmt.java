package hetero.runtime.jit.ir;

/** Statements of a basic block; each keeps the Java source line it came from (0 when unknown). */
public sealed interface Stmt {
    int line();

    record Assign(Var target, Expr value, int line) implements Stmt {}

    record Store(Var array, Expr index, Expr value, int line) implements Stmt {}

    /** {@code v.storeToArray(array, index)}: the lanes of a vector value to {@code array[index .. index + N - 1]}. */
    record VectorStore(Var array, Expr index, Expr value, int line) implements Stmt {}

    /** A call whose result is unused (or void). */
    record Eval(Expr call, int line) implements Stmt {}

    /** {@code array[index] += value} as one atomic operation (KernelContext.atomicAdd); int arrays only. */
    record AtomicAdd(Var array, Expr index, Expr value, int line) implements Stmt {}

    /** A work-group barrier; global adds a global-memory fence. */
    record Barrier(boolean global, int line) implements Stmt {}
}
