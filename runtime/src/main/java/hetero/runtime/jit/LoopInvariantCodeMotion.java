package hetero.runtime.jit;

import hetero.runtime.jit.ir.Block;
import hetero.runtime.jit.ir.Expr;
import hetero.runtime.jit.ir.Function;
import hetero.runtime.jit.ir.Stmt;
import hetero.runtime.jit.ir.Type;
import hetero.runtime.jit.ir.Var;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Guarantees: a pure computation (arithmetic, conversions, selects, math builtins) that reads only
 * values a loop does not change is computed once, into a new temporary in the loop's preheader,
 * instead of on every iteration; equal ones share the temporary. Array loads and calls stay where
 * they are (a load may trap where its guard no longer protects it, and the loop may write the
 * array), and nothing that can trap moves: the legalized IR has no trapping arithmetic. Loops are
 * visited outermost first, so a value moves to the outermost loop for which it is invariant; loops
 * with a barrier are left alone (see {@link Loops#hasBarrier}).
 */
final class LoopInvariantCodeMotion {
    private final Function f;
    private final Loops.Temps temps;

    private LoopInvariantCodeMotion(Function f) {
        this.f = f;
        this.temps = new Loops.Temps(f, "inv");
    }

    /** A copy of f with invariant computations hoisted (IR-level tests; the pipeline uses {@link #run}). */
    static Function apply(Function f) {
        return Loops.withPreheaders(f, LoopInvariantCodeMotion::run);
    }

    /** In place, on a private copy whose loops all have preheaders (cfg is its current CFG). */
    static void run(Function f, Cfg cfg) {
        LoopInvariantCodeMotion pass = new LoopInvariantCodeMotion(f);
        List<Cfg.Loop> outermostFirst = new ArrayList<>(cfg.loops);
        outermostFirst.sort(Comparator.comparingInt((Cfg.Loop l) -> -l.body.size()));
        for (Cfg.Loop l : outermostFirst) {
            if (!Loops.hasBarrier(l) && !gridStride(f, l)) pass.loop(l, Loops.preheader(cfg, l));   // see Loops.hasBarrier
        }
    }

    /**
     * Whether l is the grid-strided loop of a @Parallel variable: a work-item runs it about once, so
     * nothing is saved by hoisting out of it (Softmax::online, whose only change it was, measured 7-13%
     * slower on PoCL in three interleaved rounds; that is within this machine's noise, but no gain
     * can come from it).
     */
    private static boolean gridStride(Function f, Cfg.Loop l) {
        for (Block latch : l.latches) {
            for (Stmt s : latch.stmts) {
                if (!(s instanceof Stmt.Assign a)) continue;
                for (Function.ParallelLoop pl : f.parallelLoops) if (pl.variable() == a.target()) return true;
            }
        }
        return false;
    }

    private void loop(Cfg.Loop l, Block pre) {
        Set<Var> assigned = Loops.assigned(l);
        Hoister h = new Hoister(assigned);
        Loops.rewriteBody(l, h::rewrite);
        for (Stmt.Assign s : h.hoisted) Loops.insertBeforeLoopInits(pre, assigned, s);
    }

    /** Rewrites one loop's expressions, replacing maximal invariant subtrees with temporaries, in one walk per expression. */
    private final class Hoister {
        final Set<Var> assigned;
        final Map<Expr, Var> temp = new HashMap<>();
        final List<Stmt.Assign> hoisted = new ArrayList<>();
        /** Set by {@link #visit}: whether the expression it returned is invariant (and then unchanged). */
        boolean invariant;

        Hoister(Set<Var> assigned) {
            this.assigned = assigned;
        }

        /** e with its maximal hoistable subtrees read from temporaries. */
        Expr rewrite(Expr e, int line) {
            Expr r = visit(e, line);
            return invariant && worthHoisting(r) ? temporary(r, line) : r;
        }

        /**
         * Bottom-up: an invariant e comes back unchanged with {@link #invariant} set, so that its
         * parent decides; a variant e comes back with its invariant children moved to temporaries.
         */
        private Expr visit(Expr e, int line) {
            switch (e) {
                case Expr.Const c -> {
                    invariant = true;
                    return e;
                }
                case Expr.WorkItem w -> {
                    invariant = true;
                    return e;
                }
                case Expr.Local l -> {
                    invariant = !assigned.contains(l.var());
                    return e;
                }
                case Expr.ArrayLength a -> {
                    invariant = !assigned.contains(a.array());
                    return e;
                }
                default -> {
                }
            }
            boolean[] all = {!(e instanceof Expr.ArrayLoad || e instanceof Expr.Call)};
            List<Expr> invariantChildren = new ArrayList<>(3);
            Expr rebuilt = ExprWalk.mapChildren(e, c -> {
                Expr r = visit(c, line);
                if (invariant) invariantChildren.add(r); else all[0] = false;
                return r;
            });
            invariant = all[0];
            if (invariant || invariantChildren.isEmpty()) return rebuilt;
            return ExprWalk.mapChildren(rebuilt, c -> worthHoisting(c) && containsSame(invariantChildren, c) ? temporary(c, line) : c);
        }

        private static boolean containsSame(List<Expr> list, Expr e) {
            for (Expr x : list) if (x == e) return true;
            return false;
        }

        /** Leaves cost nothing to recompute, and booleans stay in conditions (not every target keeps a bool in a register). */
        private static boolean worthHoisting(Expr e) {
            return !(e instanceof Expr.Const || e instanceof Expr.Local || e instanceof Expr.WorkItem || e instanceof Expr.ArrayLength)
                    && e.type() != Type.BOOLEAN;
        }

        /** A hoisted computation keeps the Java line it came from. */
        private Expr temporary(Expr e, int line) {
            Var t = temp.get(e);
            if (t == null) {
                t = temps.fresh(e.type());
                temp.put(e, t);
                hoisted.add(new Stmt.Assign(t, e, line));
            }
            return new Expr.Local(t);
        }
    }
}
