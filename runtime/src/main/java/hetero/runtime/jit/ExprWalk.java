package hetero.runtime.jit;

import hetero.runtime.jit.ir.Expr;
import hetero.runtime.jit.ir.Type;

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
            case Expr.VectorLoad v -> List.of(new Expr.Local(v.array()), v.index());
            case Expr.VectorOf v -> v.lanes();
            case Expr.Lane l -> List.of(l.vector(), l.lane());
            case Expr.WithLane w -> List.of(w.vector(), w.lane(), w.value());
            case Expr.Intrinsic i -> i.args();
            case Expr.Call c -> c.args();
            case Expr.Const c -> List.of();
            case Expr.Local l -> List.of();
            case Expr.WorkItem w -> List.of();
        };
    }

    /**
     * Whether both sides of s cost nothing to compute whichever is chosen: only constants, variables,
     * and compares and selects of them (no memory access, call or arithmetic), so that a target may
     * pick between two computed values instead of branching.
     */
    public static boolean trivialSides(Expr.Select s) {
        return s.type() != Type.BOOLEAN && !any(s.ifTrue(), ExprWalk::nonTrivial) && !any(s.ifFalse(), ExprWalk::nonTrivial);
    }

    private static boolean nonTrivial(Expr e) {
        return !(e instanceof Expr.Const || e instanceof Expr.Local || e instanceof Expr.Compare || e instanceof Expr.Select);
    }

    /** Whether p holds for e or a node below it (the nodes {@link #children} gives), without building child lists. */
    public static boolean any(Expr e, Predicate<Expr> p) {
        if (p.test(e)) return true;
        return switch (e) {
            case Expr.Binary b -> any(b.left(), p) || any(b.right(), p);
            case Expr.Neg n -> any(n.operand(), p);
            case Expr.Convert c -> any(c.operand(), p);
            case Expr.Compare c -> any(c.left(), p) || any(c.right(), p);
            case Expr.Not n -> any(n.operand(), p);
            case Expr.Logic l -> any(l.left(), p) || any(l.right(), p);
            case Expr.CmpValue c -> any(c.left(), p) || any(c.right(), p);
            case Expr.Select s -> any(s.cond(), p) || any(s.ifTrue(), p) || any(s.ifFalse(), p);
            case Expr.ArrayLoad a -> p.test(new Expr.Local(a.array())) || any(a.index(), p);
            case Expr.ArrayLength a -> p.test(new Expr.Local(a.array()));
            case Expr.VectorLoad v -> p.test(new Expr.Local(v.array())) || any(v.index(), p);
            case Expr.VectorOf v -> anyOf(v.lanes(), p);
            case Expr.Lane l -> any(l.vector(), p) || any(l.lane(), p);
            case Expr.WithLane w -> any(w.vector(), p) || any(w.lane(), p) || any(w.value(), p);
            case Expr.Intrinsic i -> anyOf(i.args(), p);
            case Expr.Call c -> anyOf(c.args(), p);
            case Expr.Const c -> false;
            case Expr.Local l -> false;
            case Expr.WorkItem w -> false;
        };
    }

    private static boolean anyOf(List<Expr> es, Predicate<Expr> p) {
        for (Expr x : es) if (any(x, p)) return true;
        return false;
    }

    /**
     * Rebuilds e bottom-up, applying f to every node after its children are rebuilt. A node whose
     * children come back unchanged is not copied (passes run this over every expression of a kernel).
     */
    public static Expr map(Expr e, UnaryOperator<Expr> f) {
        return f.apply(mapChildren(e, c -> map(c, f)));
    }

    /**
     * e with g applied to each direct child (not deeper; g decides whether to descend), or e itself
     * when g returns every child unchanged. Array variables of loads and lengths are not children here.
     */
    public static Expr mapChildren(Expr e, UnaryOperator<Expr> g) {
        return switch (e) {
            case Expr.Binary b -> {
                Expr l = g.apply(b.left()), r = g.apply(b.right());
                yield l == b.left() && r == b.right() ? b : new Expr.Binary(b.op(), b.type(), l, r);
            }
            case Expr.Neg n -> {
                Expr o = g.apply(n.operand());
                yield o == n.operand() ? n : new Expr.Neg(n.type(), o);
            }
            case Expr.Convert c -> {
                Expr o = g.apply(c.operand());
                yield o == c.operand() ? c : new Expr.Convert(c.op(), o);
            }
            case Expr.Compare c -> {
                Expr l = g.apply(c.left()), r = g.apply(c.right());
                yield l == c.left() && r == c.right() ? c : new Expr.Compare(c.op(), l, r);
            }
            case Expr.Not n -> {
                Expr o = g.apply(n.operand());
                yield o == n.operand() ? n : new Expr.Not(o);
            }
            case Expr.Logic l -> {
                Expr a = g.apply(l.left()), b = g.apply(l.right());
                yield a == l.left() && b == l.right() ? l : new Expr.Logic(l.and(), a, b);
            }
            case Expr.CmpValue c -> {
                Expr l = g.apply(c.left()), r = g.apply(c.right());
                yield l == c.left() && r == c.right() ? c : new Expr.CmpValue(l, r, c.nanResult());
            }
            case Expr.Select s -> {
                Expr c = g.apply(s.cond()), t = g.apply(s.ifTrue()), o = g.apply(s.ifFalse());
                yield c == s.cond() && t == s.ifTrue() && o == s.ifFalse() ? s : new Expr.Select(c, t, o);
            }
            case Expr.ArrayLoad a -> {
                Expr i = g.apply(a.index());
                yield i == a.index() ? a : new Expr.ArrayLoad(a.array(), i);
            }
            case Expr.VectorLoad v -> {
                Expr i = g.apply(v.index());
                yield i == v.index() ? v : new Expr.VectorLoad(v.type(), v.array(), i);
            }
            case Expr.VectorOf v -> {
                List<Expr> lanes = mapAll(v.lanes(), g);
                yield lanes == v.lanes() ? v : new Expr.VectorOf(v.type(), lanes);
            }
            case Expr.Lane l -> {
                Expr v = g.apply(l.vector()), i = g.apply(l.lane());
                yield v == l.vector() && i == l.lane() ? l : new Expr.Lane(v, i);
            }
            case Expr.WithLane w -> {
                Expr v = g.apply(w.vector()), i = g.apply(w.lane()), x = g.apply(w.value());
                yield v == w.vector() && i == w.lane() && x == w.value() ? w : new Expr.WithLane(v, i, x);
            }
            case Expr.Intrinsic i -> {
                List<Expr> args = mapAll(i.args(), g);
                yield args == i.args() ? i : new Expr.Intrinsic(i.fn(), i.type(), args);
            }
            case Expr.Call c -> {
                List<Expr> args = mapAll(c.args(), g);
                yield args == c.args() ? c : new Expr.Call(c.callee(), args);
            }
            case Expr.ArrayLength a -> a;
            case Expr.Const c -> c;
            case Expr.Local l -> l;
            case Expr.WorkItem w -> w;
        };
    }

    /** The same list when no element changed. */
    private static List<Expr> mapAll(List<Expr> es, UnaryOperator<Expr> f) {
        List<Expr> out = new ArrayList<>(es.size());
        boolean changed = false;
        for (Expr e : es) {
            Expr m = f.apply(e);
            changed |= m != e;
            out.add(m);
        }
        return changed ? List.copyOf(out) : es;
    }
}
