package hetero.runtime.jit;

import hetero.runtime.jit.ir.Expr;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;
import java.util.function.UnaryOperator;

/** Generic traversal and rewriting of expression trees. */
public final class ExprWalk {
    private ExprWalk() {
    }

    public static List<Expr> children(Expr e) {
        return switch (e) {
            case Expr.Binary b -> List.of(b.left(), b.right());
            case Expr.Neg n -> List.of(n.operand());
            case Expr.Convert c -> List.of(c.operand());
            case Expr.Compare c -> List.of(c.left(), c.right());
            case Expr.Not n -> List.of(n.operand());
            case Expr.Logic l -> List.of(l.left(), l.right());
            case Expr.CmpValue c -> List.of(c.left(), c.right());
            case Expr.Select s -> List.of(s.cond(), s.ifTrue(), s.ifFalse());
            case Expr.ArrayLoad a -> List.of(new Expr.Local(a.array()), a.index());
            case Expr.ArrayLength a -> List.of(new Expr.Local(a.array()));
            case Expr.Intrinsic i -> i.args();
            case Expr.Call c -> c.args();
            case Expr.Const c -> List.of();
            case Expr.Local l -> List.of();
            case Expr.WorkItem w -> List.of();
        };
    }

    public static boolean any(Expr e, Predicate<Expr> p) {
        if (p.test(e)) return true;
        for (Expr c : children(e)) if (any(c, p)) return true;
        return false;
    }

    /** Rebuilds e bottom-up, applying f to every node after its children are rebuilt. */
    public static Expr map(Expr e, UnaryOperator<Expr> f) {
        Expr rebuilt = switch (e) {
            case Expr.Binary b -> new Expr.Binary(b.op(), b.type(), map(b.left(), f), map(b.right(), f));
            case Expr.Neg n -> new Expr.Neg(n.type(), map(n.operand(), f));
            case Expr.Convert c -> new Expr.Convert(c.op(), map(c.operand(), f));
            case Expr.Compare c -> new Expr.Compare(c.op(), map(c.left(), f), map(c.right(), f));
            case Expr.Not n -> new Expr.Not(map(n.operand(), f));
            case Expr.Logic l -> new Expr.Logic(l.and(), map(l.left(), f), map(l.right(), f));
            case Expr.CmpValue c -> new Expr.CmpValue(map(c.left(), f), map(c.right(), f), c.nanResult());
            case Expr.Select s -> new Expr.Select(map(s.cond(), f), map(s.ifTrue(), f), map(s.ifFalse(), f));
            case Expr.ArrayLoad a -> new Expr.ArrayLoad(a.array(), map(a.index(), f));
            case Expr.Intrinsic i -> new Expr.Intrinsic(i.name(), i.type(), mapAll(i.args(), f));
            case Expr.Call c -> new Expr.Call(c.callee(), mapAll(c.args(), f));
            case Expr.ArrayLength a -> a;
            case Expr.Const c -> c;
            case Expr.Local l -> l;
            case Expr.WorkItem w -> w;
        };
        return f.apply(rebuilt);
    }

    private static List<Expr> mapAll(List<Expr> es, UnaryOperator<Expr> f) {
        List<Expr> out = new ArrayList<>(es.size());
        for (Expr e : es) out.add(map(e, f));
        return List.copyOf(out);
    }
}
