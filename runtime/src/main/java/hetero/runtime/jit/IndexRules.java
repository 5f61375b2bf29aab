package hetero.runtime.jit;

import hetero.runtime.jit.ir.Block;
import hetero.runtime.jit.ir.Expr;
import hetero.runtime.jit.ir.Expr.CmpOp;
import hetero.runtime.jit.ir.Function;
import hetero.runtime.jit.ir.Stmt;
import hetero.runtime.jit.ir.Type;
import hetero.runtime.jit.ir.Var;

import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * How each int variable of a function gets its values, found once per function from its IR, for
 * {@link IndexCheck} to evaluate at launch: the expressions assigned to it, or, for a loop variable
 * {@code v = v + s}, its initial values and each increment with the guard of its loop. An increment
 * counts only when its loop's header tests v on the edge into the loop, that edge precedes the
 * increment, and no other assignment of v lies in the loop, so v is what the guard saw.
 */
final class IndexRules {
    private IndexRules() {
    }

    /** How a variable's values arise. */
    sealed interface Rule {}

    /** Its values are those of these expressions (and, for a parameter, its argument). */
    record Defs(List<Expr> values) implements Rule {}

    /** A loop variable: initial values, and increments {@code v = v + step} each behind a loop guard. */
    record Induction(List<Expr> inits, List<Step> steps) implements Rule {}

    /**
     * v = v + step (minus: v - step); upper: v < upper (or <=) held when the loop was entered; lower alike.
     * towardZero: v = v / c or v >> c with a constant c (a halving reduction loop), which needs no guard:
     * it never leaves the range between v and 0.
     */
    record Step(Expr step, boolean minus, Expr upper, boolean upperInclusive, Expr lower, boolean lowerInclusive, boolean towardZero) {
        static final Step TOWARD_ZERO = new Step(null, false, null, false, null, false, true);
    }

    record Unknown() implements Rule {}

    /** A comparison known to hold: left op right. */
    record Fact(CmpOp op, Expr left, Expr right) {}

    /** What each int variable of f is assigned: plain definitions, or a guarded induction. */
    static Map<Var, Rule> of(Function f) {
        Map<Var, List<Object[]>> defs = new LinkedHashMap<>();   // var -> [block, assign]
        for (Block b : f.blocks) {
            for (Stmt s : b.stmts) {
                if (s instanceof Stmt.Assign a && a.target().type == Type.INT) {
                    defs.computeIfAbsent(a.target(), k -> new ArrayList<>()).add(new Object[]{b, a});
                }
            }
        }
        Map<Var, Rule> out = new IdentityHashMap<>();
        Cfg cfg = null;
        for (Map.Entry<Var, List<Object[]>> e : defs.entrySet()) {
            Var v = e.getKey();
            List<Expr> inits = new ArrayList<>();
            Map<Stmt.Assign, Block> incs = new LinkedHashMap<>();
            for (Object[] d : e.getValue()) {
                Stmt.Assign a = (Stmt.Assign) d[1];
                if (!mentions(a.value(), v)) {   // kept whole: its selects' conditions may be decided at launch
                    inits.add(a.value());
                    continue;
                }
                for (Expr alt : alternatives(a.value())) {
                    if (mentions(alt, v)) incs.put(a, (Block) d[0]);
                    else inits.add(alt);
                }
            }
            if (incs.isEmpty()) {
                out.put(v, new Defs(List.copyOf(inits)));
                continue;
            }
            if (cfg == null) cfg = new Cfg(f);
            out.put(v, induction(cfg, v, e.getValue(), inits, incs));
        }
        return out;
    }

    private static Rule induction(Cfg cfg, Var v, List<Object[]> allDefs, List<Expr> inits, Map<Stmt.Assign, Block> incs) {
        List<Step> steps = new ArrayList<>();
        for (Map.Entry<Stmt.Assign, Block> inc : incs.entrySet()) {
            Block at = inc.getValue();
            Cfg.Loop loop = cfg.innermostLoop(at);
            if (loop == null) return new Unknown();
            // No other assignment of v in this loop: between the guard and the increment v is what the guard saw.
            for (Object[] d : allDefs) if (d[1] != inc.getKey() && loop.body.contains((Block) d[0])) return new Unknown();
            List<Fact> facts = entryFacts(cfg, loop, at);
            for (Expr alt : alternatives(inc.getKey().value())) {
                if (!mentions(alt, v)) continue;
                Step s = step(v, alt, facts);
                if (s == null) return new Unknown();
                steps.add(s);
            }
        }
        return new Induction(List.copyOf(inits), List.copyOf(steps));
    }

    /** The comparisons that hold on entering the loop body from its header, if that edge dominates block at. */
    private static List<Fact> entryFacts(Cfg cfg, Cfg.Loop loop, Block at) {
        if (!(loop.header.terminator instanceof Block.Branch br)) return List.of();
        boolean trueIn = loop.body.contains(br.ifTrue()), falseIn = loop.body.contains(br.ifFalse());
        if (trueIn == falseIn) return List.of();
        Block into = trueIn ? br.ifTrue() : br.ifFalse();
        // The edge header -> into must dominate the increment: into dominates it, and every other way into
        // `into` comes from below it (an inner loop starting there), never around the header.
        List<Block> preds = cfg.preds.get(into);
        if (preds == null || !cfg.dominates(into, at)) return List.of();
        for (Block p : preds) if (p != loop.header && !cfg.dominates(into, p)) return List.of();
        List<Fact> facts = new ArrayList<>();
        conjuncts(br.condition(), trueIn, facts);
        return facts;
    }

    static void conjuncts(Expr c, boolean holds, List<Fact> out) {
        switch (c) {
            case Expr.Not n -> conjuncts(n.operand(), !holds, out);
            case Expr.Logic l when l.and() == holds -> {
                conjuncts(l.left(), holds, out);
                conjuncts(l.right(), holds, out);
            }
            case Expr.Compare cmp when cmp.left().type() == Type.INT && cmp.right().type() == Type.INT -> {
                CmpOp op = holds ? cmp.op() : cmp.op().negate();
                out.add(new Fact(op, cmp.left(), cmp.right()));
            }
            default -> { }
        }
    }

    /** v + s, s + v or v - s with s free of v, and the guards on v among the facts. */
    private static Step step(Var v, Expr alt, List<Fact> facts) {
        if (!(alt instanceof Expr.Binary b) || b.type() != Type.INT) return null;
        if (isVar(b.left(), v) && b.right() instanceof Expr.Const c
                && (b.op() == Expr.BinOp.DIV && c.number().intValue() >= 1 || b.op() == Expr.BinOp.SHR && c.number().intValue() >= 0)) {
            return Step.TOWARD_ZERO;
        }
        Expr s;
        boolean minus = false;
        if (b.op() == Expr.BinOp.ADD && isVar(b.left(), v)) s = b.right();
        else if (b.op() == Expr.BinOp.ADD && isVar(b.right(), v)) s = b.left();
        else if (b.op() == Expr.BinOp.SUB && isVar(b.left(), v)) { s = b.right(); minus = true; }
        else return null;
        if (mentions(s, v)) return null;
        Expr upper = null, lower = null;
        boolean upperInclusive = false, lowerInclusive = false;
        for (Fact f : facts) {
            CmpOp op = f.op();
            Expr bound;
            if (isVar(f.left(), v)) bound = f.right();
            else if (isVar(f.right(), v)) { bound = f.left(); op = op.swap(); }
            else continue;
            if (mentions(bound, v)) continue;
            switch (op) {
                case LT, LE -> { upper = bound; upperInclusive = op == CmpOp.LE; }
                case GT, GE -> { lower = bound; lowerInclusive = op == CmpOp.GE; }
                default -> { }
            }
        }
        return new Step(s, minus, upper, upperInclusive, lower, lowerInclusive, false);
    }

    private static List<Expr> alternatives(Expr value) {
        if (value instanceof Expr.Select s) {
            List<Expr> out = new ArrayList<>(alternatives(s.ifTrue()));
            out.addAll(alternatives(s.ifFalse()));
            return out;
        }
        return List.of(value);
    }

    private static boolean isVar(Expr e, Var v) {
        return e instanceof Expr.Local l && l.var() == v;
    }

    private static boolean mentions(Expr e, Var v) {
        return ExprWalk.any(e, x -> x instanceof Expr.Local l && l.var() == v);
    }
}
