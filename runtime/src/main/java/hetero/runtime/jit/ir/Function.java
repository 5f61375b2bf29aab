package hetero.runtime.jit.ir;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/** One kernel or device function in IR form: a CFG over typed variables. */
public final class Function {
    /** Binary class name of the declaring class, e.g. hetero.kernels.Gemm. */
    public final String owner;
    public final String name;
    public final String descriptor;
    public final String sourceFile;
    public final Type returnType;
    public final List<Var> params = new ArrayList<>();
    public final List<Var> locals = new ArrayList<>();
    public final List<Block> blocks = new ArrayList<>();
    /** The @Parallel loops found, outermost first; their dimension is fixed by the frontend. */
    public final List<ParallelLoop> parallelLoops = new ArrayList<>();
    /** Non-zero for a kernel with @Reduce parameters: it runs as one work-group of this many items (see ReduceLowering). */
    public int reduceWorkGroup;

    /**
     * Set by the frontend on the IR it caches. A frozen function is never changed again (passes copy
     * before they change anything), so what an analysis finds in it holds for good and is kept with
     * it ({@link #fact}): the next compile of the same kernel asks again and gets the answer.
     */
    private volatile boolean frozen;
    private final Map<Object, Object> facts = new ConcurrentHashMap<>();

    public void freeze() {
        frozen = true;
    }

    public boolean frozen() {
        return frozen;
    }

    /**
     * What {@code analysis} finds in this function, kept under {@code key} once the function is frozen
     * (computed every time before that). The value must not be changed by whoever receives it.
     */
    @SuppressWarnings("unchecked")
    public <T> T fact(Object key, java.util.function.Function<Function, T> analysis) {
        if (!frozen) return analysis.apply(this);
        Object known = facts.get(key);
        if (known != null) return (T) known;
        T found = analysis.apply(this);   // not computeIfAbsent: an analysis may ask about callees first
        Object raced = facts.putIfAbsent(key, found);
        return raced != null ? (T) raced : found;
    }

    public Function(String owner, String name, String descriptor, String sourceFile, Type returnType) {
        this.owner = owner;
        this.name = name;
        this.descriptor = descriptor;
        this.sourceFile = sourceFile;
        this.returnType = returnType;
    }

    public Block entry() {
        return blocks.getFirst();
    }

    public String qualifiedName() {
        return owner + "::" + name;
    }

    /**
     * A loop {@code for (@Parallel int v = start; v < end; v += step)} turned into a strided loop
     * {@code for (v = start + step*id(dim); v < end; v += step*size(dim))}: correct for any grid size.
     * start and end are kept so that the runtime can derive a default grid from the arguments.
     */
    public record ParallelLoop(Var variable, int dimension, Expr start, Expr end, boolean inclusiveEnd, int step) {}
}
