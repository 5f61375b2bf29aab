package hetero.runtime.jit;

import hetero.runtime.jit.ir.Block;
import hetero.runtime.jit.ir.Expr;
import hetero.runtime.jit.ir.Function;
import hetero.runtime.jit.ir.Stmt;
import hetero.runtime.jit.ir.Type;
import hetero.runtime.jit.ir.Var;

import java.util.Collections;
import java.util.EnumSet;
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

    // What these analyses find in the frontend's (frozen) IR is kept with it: Function#fact.
    private static final Object WRITTEN = new Object(), READ = new Object(), LENGTHS = new Object(), CALLEES = new Object(),
            TYPES = new Object(), BARRIERS = new Object(), USED_VARS = new Object();

    /** Every expression in the function, including those inside statements and terminators. */
    public static void forEachExpr(Function f, Consumer<Expr> visit) {
        for (Block b : f.blocks) {
            for (Stmt s : b.stmts) {
                switch (s) {
                    case Stmt.Assign a -> walk(a.value(), visit);
                    case Stmt.Store st -> { walk(st.index(), visit); walk(st.value(), visit); }
                    case Stmt.VectorStore vs -> { walk(vs.index(), visit); walk(vs.value(), visit); }
                    case Stmt.LoadLanes ll -> walk(ll.source(), visit);
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

    /** Pre-order over e, the same nodes as {@link ExprWalk#children} gives, without building child lists. */
    private static void walk(Expr e, Consumer<Expr> visit) {
        visit.accept(e);
        switch (e) {
            case Expr.Binary b -> { walk(b.left(), visit); walk(b.right(), visit); }
            case Expr.Neg n -> walk(n.operand(), visit);
            case Expr.Convert c -> walk(c.operand(), visit);
            case Expr.Compare c -> { walk(c.left(), visit); walk(c.right(), visit); }
            case Expr.Not n -> walk(n.operand(), visit);
            case Expr.Logic l -> { walk(l.left(), visit); walk(l.right(), visit); }
            case Expr.CmpValue c -> { walk(c.left(), visit); walk(c.right(), visit); }
            case Expr.Select x -> { walk(x.cond(), visit); walk(x.ifTrue(), visit); walk(x.ifFalse(), visit); }
            case Expr.ArrayLoad a -> { visit.accept(new Expr.Local(a.array())); walk(a.index(), visit); }
            case Expr.ArrayLength a -> visit.accept(new Expr.Local(a.array()));
            case Expr.VectorLoad v -> { visit.accept(new Expr.Local(v.array())); walk(v.index(), visit); }
            case Expr.VectorOf v -> { for (Expr c : v.lanes()) walk(c, visit); }
            case Expr.Lane l -> { walk(l.vector(), visit); walk(l.lane(), visit); }
            case Expr.WithLane w -> { walk(w.vector(), visit); walk(w.lane(), visit); walk(w.value(), visit); }
            case Expr.Intrinsic i -> { for (Expr c : i.args()) walk(c, visit); }
            case Expr.Call c -> { for (Expr x : c.args()) walk(x, visit); }
            case Expr.Const c -> { }
            case Expr.Local l -> { }
            case Expr.WorkItem w -> { }
        }
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

    /**
     * The parameter analyses with one memo for a whole compile: an emitter asks about the kernel and
     * then about each device function at each call site, and every answer is computed once.
     */
    public static final class Memo {
        private final Map<Function, Set<Integer>> written = new IdentityHashMap<>(), lengths = new IdentityHashMap<>();

        public Set<Integer> writtenParams(Function f) {
            return Analysis.writtenParams(f, written);
        }

        public Set<Integer> lengthParams(Function f) {
            return Analysis.lengthParams(f, lengths);
        }
    }

    public static Set<Integer> writtenParams(Function f) {
        return writtenParams(f, new IdentityHashMap<>());
    }

    // Each analysis below memoizes callees within one call: a device function called from many places
    // (or from callees of callees) is analysed once, not once per call site.
    private static Set<Integer> writtenParams(Function f, Map<Function, Set<Integer>> memo) {
        return paramFact(f, memo, WRITTEN, g -> written(g, memo));
    }

    /** One parameter analysis of f: from this compile's memo, else kept with frozen IR, else found now. */
    private static Set<Integer> paramFact(Function f, Map<Function, Set<Integer>> memo, Object key,
                                          java.util.function.Function<Function, Set<Integer>> find) {
        Set<Integer> known = memo.get(f);
        if (known != null) return known;
        Set<Integer> out = f.fact(key, find);
        memo.put(f, out);
        return out;
    }

    private static Set<Integer> written(Function f, Map<Function, Set<Integer>> memo) {
        Set<Integer> out = new HashSet<>();
        for (Block b : f.blocks) for (Stmt s : b.stmts) {
            if (s instanceof Stmt.Store st && st.array().kind == Var.Kind.PARAM) out.add(st.array().paramIndex);
            if (s instanceof Stmt.VectorStore vs && vs.array().kind == Var.Kind.PARAM) out.add(vs.array().paramIndex);
            if (s instanceof Stmt.AtomicAdd at && at.array().kind == Var.Kind.PARAM) out.add(at.array().paramIndex);
        }
        forEachExpr(f, e -> {
            if (e instanceof Expr.Call c) addPassed(out, c, writtenParams(c.callee(), memo));
        });
        return Collections.unmodifiableSet(out);
    }

    public static Set<Integer> readParams(Function f) {
        return readParams(f, new IdentityHashMap<>());
    }

    private static Set<Integer> readParams(Function f, Map<Function, Set<Integer>> memo) {
        return paramFact(f, memo, READ, g -> read(g, memo));
    }

    private static Set<Integer> read(Function f, Map<Function, Set<Integer>> memo) {
        Set<Integer> out = new HashSet<>();
        // An atomic add reads the element it updates.
        for (Block b : f.blocks) for (Stmt s : b.stmts) if (s instanceof Stmt.AtomicAdd at && at.array().kind == Var.Kind.PARAM) out.add(at.array().paramIndex);
        forEachExpr(f, e -> {
            if (e instanceof Expr.ArrayLoad a && a.array().kind == Var.Kind.PARAM) out.add(a.array().paramIndex);
            if (e instanceof Expr.VectorLoad v && v.array().kind == Var.Kind.PARAM) out.add(v.array().paramIndex);
            if (e instanceof Expr.Call c) addPassed(out, c, readParams(c.callee(), memo));
        });
        return Collections.unmodifiableSet(out);
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
        return paramFact(f, memo, LENGTHS, g -> {
            Set<Integer> found = new HashSet<>();
            forEachExpr(g, e -> {
                if (e instanceof Expr.ArrayLength a && a.array().kind == Var.Kind.PARAM) found.add(a.array().paramIndex);
                if (e instanceof Expr.Call c) addPassed(found, c, lengthParams(c.callee(), memo));
            });
            return Collections.unmodifiableSet(found);
        });
    }

    /** Device functions called, callees before callers, each once. */
    public static List<Function> callees(Function f) {
        return f.fact(CALLEES, g -> {
            LinkedHashSet<Function> out = new LinkedHashSet<>();
            collect(g, out);
            out.remove(g);
            return List.copyOf(out);
        });
    }

    private static void collect(Function f, LinkedHashSet<Function> out) {
        forEachExpr(f, e -> {
            if (e instanceof Expr.Call c && !out.contains(c.callee())) collect(c.callee(), out);
        });
        out.add(f);
    }

    /** Whether f or a device function it calls (directly or not) has a value, variable or array element of type t. */
    public static boolean usesType(Function f, Type t) {
        return typesUsed(f).contains(t);
    }

    /**
     * Every type that f or a device function it calls (directly or not) gives a value, a variable, a
     * return or an array element: one walk, for emitters that ask about several types.
     */
    public static Set<Type> typesUsed(Function f) {
        return f.fact(TYPES, h -> {
            Set<Type> out = EnumSet.noneOf(Type.class);
            for (Function g : callees(h)) typesUsedBy(g, out);
            typesUsedBy(h, out);
            return Collections.unmodifiableSet(out);
        });
    }

    private static void typesUsedBy(Function f, Set<Type> out) {
        out.add(f.returnType);
        for (Var v : f.params) addWithElement(v.type, out);
        for (Var v : f.locals) addWithElement(v.type, out);
        forEachExpr(f, e -> addWithElement(e.type(), out));
    }

    private static void addWithElement(Type t, Set<Type> out) {
        out.add(t);
        if (t.isArray()) out.add(t.elementType());
    }

    public static boolean usesBarriers(Function f) {
        return f.fact(BARRIERS, h -> {
            for (Function g : callees(h)) if (hasBarrier(g)) return true;
            return hasBarrier(h);
        });
    }

    private static boolean hasBarrier(Function f) {
        for (Block b : f.blocks) for (Stmt s : b.stmts) if (s instanceof Stmt.Barrier) return true;
        return false;
    }

    /** Variables the function reads or writes (to declare only those). */
    public static Set<Var> usedVars(Function f) {
        return f.fact(USED_VARS, Analysis::findUsedVars);
    }

    private static Set<Var> findUsedVars(Function f) {
        Set<Var> out = new HashSet<>();
        for (Block b : f.blocks) for (Stmt s : b.stmts) {
            switch (s) {
                case Stmt.Assign a -> out.add(a.target());
                case Stmt.Store st -> out.add(st.array());
                case Stmt.AtomicAdd at -> out.add(at.array());
                case Stmt.VectorStore vs -> out.add(vs.array());
                case Stmt.LoadLanes ll -> out.addAll(ll.targets());
                case Stmt.NewPrivateArray na -> out.add(na.array());
                default -> { }
            }
        }
        forEachExpr(f, e -> {
            if (e instanceof Expr.Local l) out.add(l.var());
            if (e instanceof Expr.ArrayLoad a) out.add(a.array());
            if (e instanceof Expr.VectorLoad v) out.add(v.array());
            if (e instanceof Expr.ArrayLength a) out.add(a.array());
        });
        return Collections.unmodifiableSet(out);
    }
}
