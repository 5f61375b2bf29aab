package hetero.runtime.jit;

import hetero.runtime.jit.ir.Block;
import hetero.runtime.jit.ir.Expr;
import hetero.runtime.jit.ir.Expr.BinOp;
import hetero.runtime.jit.ir.Function;
import hetero.runtime.jit.ir.Stmt;
import hetero.runtime.jit.ir.Type;
import hetero.runtime.jit.ir.Var;

import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Guarantees: inside a loop with a basic induction variable k ({@code k += c}, its only assignment
 * there), an int or long expression {@code k * s + b} with s and b loop-invariant and s not 1 (an
 * index such as {@code row * n + col}) is read from a new variable p, set to the expression before
 * the loop and advanced by {@code c * s} next to each {@code k += c}; so p equals the expression
 * wherever the loop reads it. Loops with a barrier are left alone (see {@link Loops#hasBarrier}). Exact under Java's wrapping arithmetic: +, - and * distribute modulo
 * 2^32 (2^64), so no overflow argument is needed. Only expressions built from +, - and * of one type
 * are rewritten (a conversion such as int to long does not distribute over wrapping).
 */
final class StrengthReduction {
    private final Function f;
    private final Loops.Temps temps;

    private StrengthReduction(Function f) {
        this.f = f;
        this.temps = new Loops.Temps(f, "idx");
    }

    /** A copy of f with its index arithmetic strength-reduced (IR-level tests; the pipeline uses {@link #run}). */
    static Function apply(Function f) {
        return Loops.withPreheaders(f, StrengthReduction::run);
    }

    /** In place, on a private copy whose loops all have preheaders (cfg is its current CFG). */
    static void run(Function f, Cfg cfg) {
        StrengthReduction pass = new StrengthReduction(f);
        for (Cfg.Loop l : cfg.loops) {
            if (Loops.hasBarrier(l)) continue;   // p would live across the barrier (see Loops.hasBarrier)
            Set<Var> assigned = Loops.assigned(l);
            List<Loops.Induction> ivs = Loops.inductions(l, assigned);
            if (!ivs.isEmpty()) pass.reduce(l, Loops.preheader(cfg, l), ivs, assigned);
        }
    }

    /** k * s + b as its two invariant parts. */
    private record Affine(Expr scale, Expr offset) {}

    /** A variable that holds k * scale + b, for the expression it replaces. */
    private record Reduced(Var p, Loops.Induction iv, Expr scale) {}

    /** One walk over the loop for all its induction variables, then each new variable's start and update. */
    private void reduce(Cfg.Loop l, Block pre, List<Loops.Induction> ivs, Set<Var> assigned) {
        Rewriter r = new Rewriter(ivs, assigned);
        Loops.rewriteBody(l, (e, line) -> r.rewrite(e));
        for (Map.Entry<Expr, Reduced> e : r.reduced.entrySet()) {
            Reduced red = e.getValue();
            Loops.Induction iv = red.iv();
            Var k = iv.var(), p = red.p();
            // p advances just before k's own update (which reads no p), so p equals its expression
            // wherever k is read; k's update stays the last statement, and a for loop still reads as one.
            int at = Loops.indexOf(iv);
            int line = iv.block().stmts.get(at).line();
            Expr step = Loops.simplify(new Expr.Binary(BinOp.MUL, k.type, iv.step(), red.scale()));
            iv.block().stmts.add(at, new Stmt.Assign(p, new Expr.Binary(BinOp.ADD, k.type, new Expr.Local(p), step), line));
            Expr init = initialValue(pre, k, assigned);
            if (init != null) {
                // k is set among the loop's initialisations: p's start goes before them, computed from k's start
                Loops.insertBeforeLoopInits(pre, assigned, new Stmt.Assign(p, Loops.substitute(e.getKey(), k, init), line));
            } else {
                pre.stmts.add(new Stmt.Assign(p, e.getKey(), line));
            }
        }
    }

    /**
     * k's value on entry as an invariant expression, when the preheader sets it in its trailing loop
     * initialisations; null when k is set earlier (p is then computed at the end of the preheader).
     */
    private static Expr initialValue(Block pre, Var k, Set<Var> assigned) {
        for (int i = pre.stmts.size() - 1; i >= Loops.loopInitsStart(pre, assigned); i--) {
            if (pre.stmts.get(i) instanceof Stmt.Assign a && a.target() == k) {
                return Loops.invariant(a.value(), assigned) ? a.value() : null;
            }
        }
        return null;
    }

    private final class Rewriter {
        final List<Loops.Induction> ivs;
        final Set<Var> assigned;
        /** Invariance of the loop's own nodes, by identity (new variables never appear in them). */
        final Map<Expr, Boolean> invariant = new IdentityHashMap<>();
        /** Each reduced expression and its variable, in the order found. */
        final Map<Expr, Reduced> reduced = new LinkedHashMap<>();
        /** The induction variable affine() is asked about. */
        Var k;

        Rewriter(List<Loops.Induction> ivs, Set<Var> assigned) {
            this.ivs = ivs;
            this.assigned = assigned;
        }

        Expr rewrite(Expr e) {
            if (e instanceof Expr.Binary && e.type().isIntegral()) {
                for (Loops.Induction iv : ivs) {
                    if (iv.var().type != e.type()) continue;
                    k = iv.var();
                    Affine a = affine(e);
                    if (a == null) continue;
                    if (!reducible(a)) return e;
                    Reduced known = reduced.get(e);
                    if (known != null) return new Expr.Local(known.p());
                    Var p = temps.fresh(k.type);
                    assigned.add(p);   // p changes in the loop: no other expression may treat it as invariant
                    reduced.put(e, new Reduced(p, iv, a.scale()));
                    return new Expr.Local(p);
                }
            }
            return ExprWalk.mapChildren(e, this::rewrite);
        }

        /** Worth a variable: k is multiplied, i.e. its coefficient is not 0 (e is invariant), 1 or -1 (e is b + k or b - k already). */
        private boolean reducible(Affine a) {
            return !(a.scale() instanceof Expr.Const c && Math.abs(c.number().longValue()) <= 1);
        }

        /** e as k * scale + offset over +, - and * of k's type, or null. */
        private Affine affine(Expr e) {
            if (Loops.isVar(e, k)) return new Affine(one(), zero());
            if (e.type() != k.type) return null;
            if (e instanceof Expr.Binary b && b.type() == k.type) {
                switch (b.op()) {
                    case ADD, SUB -> {
                        Affine x = affine(b.left()), y = x == null ? null : affine(b.right());
                        if (y == null) return null;
                        return new Affine(arith(b.op(), x.scale(), y.scale()), arith(b.op(), x.offset(), y.offset()));
                    }
                    case MUL -> {
                        if (Loops.invariant(b.right(), assigned, invariant)) {
                            Affine x = affine(b.left());
                            return x == null ? null : new Affine(arith(BinOp.MUL, x.scale(), b.right()), arith(BinOp.MUL, x.offset(), b.right()));
                        }
                        if (Loops.invariant(b.left(), assigned, invariant)) {
                            Affine y = affine(b.right());
                            return y == null ? null : new Affine(arith(BinOp.MUL, b.left(), y.scale()), arith(BinOp.MUL, b.left(), y.offset()));
                        }
                        return null;
                    }
                    default -> {
                    }
                }
            }
            return Loops.invariant(e, assigned, invariant) ? new Affine(zero(), e) : null;
        }

        private Expr arith(BinOp op, Expr x, Expr y) {
            return Loops.simplify(new Expr.Binary(op, k.type, x, y));
        }

        private Expr zero() {
            return k.type == Type.LONG ? new Expr.Const(Type.LONG, 0L) : Expr.Const.ofInt(0);
        }

        private Expr one() {
            return k.type == Type.LONG ? new Expr.Const(Type.LONG, 1L) : Expr.Const.ofInt(1);
        }
    }
}
