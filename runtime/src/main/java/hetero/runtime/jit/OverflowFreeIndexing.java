package hetero.runtime.jit;

import hetero.runtime.jit.ir.Block;
import hetero.runtime.jit.ir.Expr;
import hetero.runtime.jit.ir.Expr.BinOp;
import hetero.runtime.jit.ir.Function;
import hetero.runtime.jit.ir.Stmt;
import hetero.runtime.jit.ir.Type;

import java.util.ArrayList;
import java.util.List;

/**
 * The overflow-free indexing variant, a loop pass. Java's int index arithmetic wraps, so the exact
 * variant computes each index in 32 bits (C: through uint casts) and sign-extends it at every access,
 * which keeps compilers from combining or hoisting the address arithmetic. Where no index expression
 * can wrap, computing it in 64 bits gives Java's value, and the address arithmetic is plain:
 * <ul>
 * <li>{@link #analyse}: every index of the kernel's own loads, stores and atomic adds whose top is
 *     int {@code + - *}, and the integer variables their ranges depend on (definitions, loop induction
 *     variables with their guards, work-item ids, calls), become an {@link IndexCheck}: a predicate the
 *     session evaluates on each launch's scalar arguments, array lengths and grid (interval arithmetic).</li>
 * <li>{@link #apply}: the variant's IR. Each such index's chain of int {@code + - *} is rebuilt in long,
 *     with {@code (long)} conversions at its leaves. Java's indices are ints, so a long index in the IR
 *     comes only from here: emitters print it where they print an address, as 64-bit arithmetic without
 *     wrap casts (that is the target option; {@link Target#emit} sees it in the IR).</li>
 * </ul>
 * Device functions keep exact indices (their IR is shared by call sites and left alone). The session
 * compiles the variant only for launches the check accepts, and caches both variants separately.
 */
public final class OverflowFreeIndexing {
    private OverflowFreeIndexing() {
    }

    /** One index to prove at launch: its expression and the Java line of the access. */
    public record Index(Expr index, int line) {}

    /** The launch check for this kernel (the legalized IR the variant is compiled from). */
    public static IndexCheck analyse(Specializer.Specialized spec) {
        return analyse(spec.function());
    }

    public static IndexCheck analyse(Function f) {
        return new IndexCheck(f, indices(f));
    }

    /** The variant's IR: a copy whose index chains are long; the input is not touched. */
    public static Specializer.Specialized apply(Specializer.Specialized spec) {
        return new Specializer.Specialized(apply(spec.function()), spec.constants());
    }

    public static Function apply(Function f) {
        Function out = IrCopy.copy(f, e -> ExprWalk.map(e, x -> x instanceof Expr.ArrayLoad a && isChain(a.index())
                ? new Expr.ArrayLoad(a.array(), widen(a.index())) : x), IrCopy.none());
        for (Block b : out.blocks) {
            b.stmts.replaceAll(s -> switch (s) {
                case Stmt.Store st when isChain(st.index()) -> new Stmt.Store(st.array(), widen(st.index()), st.value(), st.line());
                case Stmt.AtomicAdd at when isChain(at.index()) -> new Stmt.AtomicAdd(at.array(), widen(at.index()), at.value(), at.line());
                default -> s;
            });
        }
        return out;
    }

    /** An int +, - or *: the nodes the variant computes in long, so the ones the check must prove. */
    static boolean isChain(Expr e) {
        return e instanceof Expr.Binary b && b.type() == Type.INT && (b.op() == BinOp.ADD || b.op() == BinOp.SUB || b.op() == BinOp.MUL);
    }

    /** The chain of int + - * from e down, in long; every other node is a leaf, converted with I2L. */
    static Expr widen(Expr e) {
        if (isChain(e)) {
            Expr.Binary b = (Expr.Binary) e;
            return new Expr.Binary(b.op(), Type.LONG, widen(b.left()), widen(b.right()));
        }
        if (e instanceof Expr.Const c) return new Expr.Const(Type.LONG, c.number().longValue());
        return new Expr.Convert(Expr.ConvOp.I2L, e);
    }

    /** Every index of f's own accesses that has arithmetic to prove, nested ones included, in program order. */
    static List<Index> indices(Function f) {
        List<Index> out = new ArrayList<>();
        for (Block b : f.blocks) {
            for (Stmt s : b.stmts) {
                switch (s) {
                    case Stmt.Assign a -> collect(a.value(), a.line(), out);
                    case Stmt.Store st -> { add(st.index(), st.line(), out); collect(st.index(), st.line(), out); collect(st.value(), st.line(), out); }
                    case Stmt.AtomicAdd at -> { add(at.index(), at.line(), out); collect(at.index(), at.line(), out); collect(at.value(), at.line(), out); }
                    case Stmt.Eval ev -> collect(ev.call(), ev.line(), out);
                    case Stmt.NewPrivateArray na -> { }   // no operands
                    // vector accesses keep their exact int index (the lanes past it are index + k)
                    case Stmt.VectorStore vs -> { collect(vs.index(), vs.line(), out); collect(vs.value(), vs.line(), out); }
                    case Stmt.LoadLanes ll -> collect(ll.source().index(), ll.line(), out);
                    case Stmt.Barrier br -> { }
                }
            }
            switch (b.terminator) {
                case Block.Branch br -> collect(br.condition(), br.line(), out);
                case Block.Return r -> { if (r.value() != null) collect(r.value(), r.line(), out); }
                default -> { }
            }
        }
        return out;
    }

    private static void collect(Expr e, int line, List<Index> out) {
        if (e instanceof Expr.ArrayLoad a) add(a.index(), line, out);
        for (Expr c : ExprWalk.children(e)) collect(c, line, out);
    }

    private static void add(Expr index, int line, List<Index> out) {
        if (isChain(index)) out.add(new Index(index, line));
    }
}
