package hetero.runtime.jit;

import hetero.runtime.jit.ir.Block;
import hetero.runtime.jit.ir.Expr;
import hetero.runtime.jit.ir.Function;
import hetero.runtime.jit.ir.Stmt;
import hetero.runtime.jit.ir.Type;
import hetero.runtime.jit.ir.Var;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.Map;
import java.util.IdentityHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Consumer;

/**
 * Facts the emitters and the runtime need: which array parameters a function reads and writes
 * (through device functions too), which need their length passed, which device functions it
 * calls, and whether it uses doubles or barriers.
 */
public final class Analysis {
    private Analysis() {
    }

    /** Every expression in the function, including those inside statements and terminators. */
    public static void forEachExpr(Function f, Consumer<Expr> visit) {
        for (Block b : f.blocks) {
            for (Stmt s : b.stmts) {
                switch (s) {
                    case Stmt.Assign a -> walk(a.value(), visit);
                    case Stmt.Store st -> { walk(st.index(), visit); walk(st.value(), visit); }
                    case Stmt.AtomicAdd at -> { walk(at.index(), visit); walk(at.value(), visit); }
                    case Stmt.Eval ev -> walk(ev.call(), visit);
                    case Stmt.NewPrivateArray na -> { }
                    case Stmt.Barrier br -> { }
                }
            }
            switch (b.terminator) {
                case Block.Branch br -> walk(br.condition(), visit);
                case Block.Return r -> { if (r.value() != null) walk(r.value(), visit); }
                default -> { }
            }
        }
        for (Var v : f.locals) if (v.localArraySize != null) walk(v.localArraySize, visit);
    }

    private static void walk(Expr e, Consumer<Expr> visit) {
        visit.accept(e);
        for (Expr c : ExprWalk.children(e)) walk(c, visit);
    }

    /**
     * The scalar parameters a local or private array's size depends on: the plan folds them in as
     * constants, as TornadoVM does, so {@code ctx.allocateFloatLocalArray(tile)} and
     * {@code new float[tile]} need no explicit specialize.
     */
    public static Set<Integer> arraySizeParams(Function f) {
        Set<Integer> out = new LinkedHashSet<>();
        for (Var v : f.locals) {
            if (!v.isAllocatedArray() || v.localArraySize == null) continue;
            ExprWalk.any(v.localArraySize, e -> {
                if (e instanceof Expr.Local l && l.var().kind == Var.Kind.PARAM) out.add(l.var().paramIndex);
                return false;
            });
        }
        return out;
    }

    public static Set<Integer> writtenParams(Function f) {
        return writtenParams(f, new IdentityHashMap<>());
    }

    // Each analysis below memoizes callees within one call: a device function called from many places
    // (or from callees of callees) is analysed once, not once per call site.
    private static Set<Integer> writtenParams(Function f, Map<Function, Set<Integer>> memo) {
        Set<Integer> known = memo.get(f);
        if (known != null) return known;
        Set<Integer> out = new HashSet<>();
        for (Block b : f.blocks) for (Stmt s : b.stmts) {
            if (s instanceof Stmt.Store st && st.array().kind == Var.Kind.PARAM) out.add(st.array().paramIndex);
            if (s instanceof Stmt.AtomicAdd at && at.array().kind == Var.Kind.PARAM) out.add(at.array().paramIndex);
        }
        forEachExpr(f, e -> {
            if (e instanceof Expr.Call c) addPassed(out, c, writtenParams(c.callee(), memo));
        });
        memo.put(f, out);
        return out;
    }

    public static Set<Integer> readParams(Function f) {
        return readParams(f, new IdentityHashMap<>());
    }

    private static Set<Integer> readParams(Function f, Map<Function, Set<Integer>> memo) {
        Set<Integer> known = memo.get(f);
        if (known != null) return known;
        Set<Integer> out = new HashSet<>();
        // An atomic add reads the element it updates.
        for (Block b : f.blocks) for (Stmt s : b.stmts) if (s instanceof Stmt.AtomicAdd at && at.array().kind == Var.Kind.PARAM) out.add(at.array().paramIndex);
        forEachExpr(f, e -> {
            if (e instanceof Expr.ArrayLoad a && a.array().kind == Var.Kind.PARAM) out.add(a.array().paramIndex);
            if (e instanceof Expr.Call c) addPassed(out, c, readParams(c.callee(), memo));
        });
        memo.put(f, out);
        return out;
    }

    /** The caller's parameters that a call passes straight into the callee's parameters {@code calleeParams}. */
    private static void addPassed(Set<Integer> out, Expr.Call c, Set<Integer> calleeParams) {
        for (int i = 0; i < c.args().size(); i++) {
            if (calleeParams.contains(i) && c.args().get(i) instanceof Expr.Local l && l.var().kind == Var.Kind.PARAM) out.add(l.var().paramIndex);
        }
    }

    /** Array parameters whose length the function (or a callee it passes them to) reads. */
    public static Set<Integer> lengthParams(Function f) {
        return lengthParams(f, new IdentityHashMap<>());
    }

    private static Set<Integer> lengthParams(Function f, Map<Function, Set<Integer>> memo) {
        Set<Integer> known = memo.get(f);
        if (known != null) return known;
        Set<Integer> out = new HashSet<>();
        forEachExpr(f, e -> {
            if (e instanceof Expr.ArrayLength a && a.array().kind == Var.Kind.PARAM) out.add(a.array().paramIndex);
            if (e instanceof Expr.Call c) addPassed(out, c, lengthParams(c.callee(), memo));
        });
        memo.put(f, out);
        return out;
    }

    /** Device functions called, callees before callers, each once. */
    public static List<Function> callees(Function f) {
        LinkedHashSet<Function> out = new LinkedHashSet<>();
        collect(f, out);
        out.remove(f);
        return new ArrayList<>(out);
    }

    private static void collect(Function f, LinkedHashSet<Function> out) {
        forEachExpr(f, e -> {
            if (e instanceof Expr.Call c && !out.contains(c.callee())) collect(c.callee(), out);
        });
        out.add(f);
    }

    public static boolean usesType(Function f, Type t) {
        if (f.returnType == t) return true;
        for (Var v : f.params) if (v.type == t || (v.type.isArray() && v.type.elementType() == t)) return true;
        for (Var v : f.locals) if (v.type == t || (v.type.isArray() && v.type.elementType() == t)) return true;
        boolean[] found = {false};
        forEachExpr(f, e -> { if (e.type() == t) found[0] = true; });
        if (found[0]) return true;
        for (Function c : callees(f)) if (usesType(c, t)) return true;
        return false;
    }

    public static boolean usesBarriers(Function f) {
        for (Block b : f.blocks) for (Stmt s : b.stmts) if (s instanceof Stmt.Barrier) return true;
        for (Function c : callees(f)) if (usesBarriers(c)) return true;
        return false;
    }

    /** Variables the function reads or writes (to declare only those). */
    public static Set<Var> usedVars(Function f) {
        Set<Var> out = new HashSet<>();
        for (Block b : f.blocks) for (Stmt s : b.stmts) {
            switch (s) {
                case Stmt.Assign a -> out.add(a.target());
                case Stmt.Store st -> out.add(st.array());
                case Stmt.AtomicAdd at -> out.add(at.array());
                case Stmt.NewPrivateArray na -> out.add(na.array());
                default -> { }
            }
        }
        forEachExpr(f, e -> {
            if (e instanceof Expr.Local l) out.add(l.var());
            if (e instanceof Expr.ArrayLoad a) out.add(a.array());
            if (e instanceof Expr.ArrayLength a) out.add(a.array());
        });
        return out;
    }
}
