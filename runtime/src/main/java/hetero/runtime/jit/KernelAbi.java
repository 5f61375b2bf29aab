package hetero.runtime.jit;

import hetero.runtime.jit.ir.Block;
import hetero.runtime.jit.ir.Expr;
import hetero.runtime.jit.ir.Function;
import hetero.runtime.jit.ir.Stmt;
import hetero.runtime.jit.ir.Type;
import hetero.runtime.jit.ir.Var;

import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumSet;
import java.util.HashSet;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * How a compiled kernel meets the host, computed once per compiled kernel from its specialized IR:
 * sessions marshal arguments and plan transfers from this record, so nothing walks IR when a plan
 * executes.
 *
 * @param args        device arguments in order (the KernelContext and specialized scalars have none)
 * @param reads       Java parameter indices of arrays the kernel (or a device function it calls) reads
 * @param writes      Java parameter indices of arrays it writes
 * @param specialized parameter index to the constant folded in
 * @param localArrays local-memory arrays by name, with their element count
 * @param privateArrays the kernel's private arrays ({@code new float[N]}) by name, with their element count
 * @param types       every type that a value, variable, return or array element of the kernel or a
 *                    device function it calls has (the later passes add no array or vector types)
 * @param grid        what the default grid of a loop-parallel kernel is derived from
 */
public record KernelAbi(String kernel, List<Arg> args, Set<Integer> reads, Set<Integer> writes, Map<Integer, Object> specialized,
                        Map<String, Integer> localArrays, Map<String, Integer> privateArrays, Set<Type> types, boolean usesBarriers, GridPlanner.Plan grid) {

    /** One device argument: an array's buffer, a scalar's value, or the length of an array argument. */
    public record Arg(Kind kind, int javaIndex, Type type, String name) {
        public enum Kind { BUFFER, SCALAR, LENGTH }
    }

    public static KernelAbi of(Specializer.Specialized spec) {
        Function f = spec.function();
        Facts facts = Facts.of(f, new IdentityHashMap<>());
        List<Arg> args = deviceArgs(f, facts.lengths, spec.constants());
        Map<Integer, Object> specialized = new LinkedHashMap<>();
        for (Map.Entry<Var, Expr.Const> c : spec.constants().entrySet()) specialized.put(c.getKey().paramIndex, c.getValue().value());
        Map<String, Integer> local = new LinkedHashMap<>();
        for (Var v : f.locals) {
            if (v.kind != Var.Kind.LOCAL_ARRAY || !facts.usedLocalArrays.contains(v)) continue;
            if (!(v.localArraySize instanceof Expr.Const size)) {
                throw new UnsupportedKernelException(f.owner, f.name, 0, 0, "the size of local array '" + v.name
                        + "' must be a constant when the kernel is compiled: use a literal or static final, or specialize the parameter it depends on");
            }
            local.put(v.name, size.number().intValue());
        }
        Map<String, Integer> privates = new LinkedHashMap<>();
        for (Var v : f.locals) if (v.kind == Var.Kind.PRIVATE_ARRAY && v.fixedLength() != null) privates.put(v.name, v.fixedLength());
        return new KernelAbi(f.qualifiedName(), List.copyOf(args), Set.copyOf(facts.reads), Set.copyOf(facts.writes),
                Map.copyOf(specialized), Map.copyOf(local), Map.copyOf(privates), Collections.unmodifiableSet(facts.types), facts.barriers, GridPlanner.plan(f));
    }

    /**
     * The device parameters of f (a kernel or a device function) in order: each array's buffer, then
     * its length where {@code lengths} (parameter indices) says f reads it; each scalar that is not
     * specialized; no KernelContext.
     */
    static List<Arg> deviceArgs(Function f, Set<Integer> lengths, Map<Var, Expr.Const> constants) {
        List<Arg> args = new ArrayList<>();
        for (Var p : f.params) {
            if (p.type == Type.CONTEXT || constants.containsKey(p)) continue;
            if (p.type.isArray()) {
                args.add(new Arg(Arg.Kind.BUFFER, p.paramIndex, p.type, p.name));
                if (lengths.contains(p.paramIndex)) args.add(new Arg(Arg.Kind.LENGTH, p.paramIndex, Type.INT, p.name + "_length"));
            } else {
                args.add(new Arg(Arg.Kind.SCALAR, p.paramIndex, p.type, p.name));
            }
        }
        return args;
    }

    /**
     * What one function does with its array parameters (by parameter index), found in one walk;
     * a device function's facts are computed once and mapped onto each call's arguments.
     */
    private static final class Facts {
        final Set<Integer> reads = new HashSet<>(), writes = new HashSet<>(), lengths = new HashSet<>();
        final Set<Var> usedLocalArrays = new HashSet<>();
        final Set<Type> types = EnumSet.noneOf(Type.class);
        boolean barriers;

        void use(Var v) {
            if (v.kind == Var.Kind.LOCAL_ARRAY) usedLocalArrays.add(v);
        }

        /** Kept with frozen IR ({@link Function#fact}): its facts are found once. */
        private static final Object KEY = new Object();

        static Facts of(Function f, Map<Function, Facts> memo) {
            Facts known = memo.get(f);
            if (known != null) return known;
            Facts x = f.fact(KEY, g -> find(g, memo));
            memo.put(f, x);
            return x;
        }

        private static Facts find(Function f, Map<Function, Facts> memo) {
            Facts x = new Facts();
            x.types.add(f.returnType);
            for (Var v : f.params) x.addType(v.type);
            for (Var v : f.locals) x.addType(v.type);
            for (Block b : f.blocks) {
                for (Stmt st : b.stmts) {
                    switch (st) {
                        case Stmt.Store s -> {
                            x.use(s.array());
                            if (s.array().kind == Var.Kind.PARAM) x.writes.add(s.array().paramIndex);
                        }
                        case Stmt.VectorStore s -> {
                            x.use(s.array());
                            if (s.array().kind == Var.Kind.PARAM) x.writes.add(s.array().paramIndex);
                        }
                        case Stmt.AtomicAdd at -> {
                            // An atomic add reads the element it updates and writes it.
                            x.use(at.array());
                            if (at.array().kind == Var.Kind.PARAM) {
                                x.writes.add(at.array().paramIndex);
                                x.reads.add(at.array().paramIndex);
                            }
                        }
                        case Stmt.Barrier br -> x.barriers = true;
                        case Stmt.NewPrivateArray na -> checkPrivateSize(f, na);
                        default -> { }
                    }
                }
            }
            Analysis.forEachExpr(f, e -> {
                x.addType(e.type());
                switch (e) {
                    case Expr.Local l -> x.use(l.var());
                    case Expr.ArrayLoad a -> {
                        x.use(a.array());
                        if (a.array().kind == Var.Kind.PARAM) x.reads.add(a.array().paramIndex);
                    }
                    case Expr.VectorLoad v -> {
                        x.use(v.array());
                        if (v.array().kind == Var.Kind.PARAM) x.reads.add(v.array().paramIndex);
                    }
                    case Expr.ArrayLength a -> {
                        x.use(a.array());
                        if (a.array().kind == Var.Kind.PARAM) x.lengths.add(a.array().paramIndex);
                    }
                    case Expr.Call c -> {
                        Facts callee = of(c.callee(), memo);
                        x.types.addAll(callee.types);
                        x.barriers |= callee.barriers;
                        for (int i = 0; i < c.args().size(); i++) {
                            if (!(c.args().get(i) instanceof Expr.Local l) || l.var().kind != Var.Kind.PARAM) continue;
                            int p = l.var().paramIndex;
                            if (callee.reads.contains(i)) x.reads.add(p);
                            if (callee.writes.contains(i)) x.writes.add(p);
                            if (callee.lengths.contains(i)) x.lengths.add(p);
                        }
                    }
                    default -> { }
                }
            });
            return x;
        }

        /** A private array's size must be a positive constant by now (the frontend refused what cannot fold). */
        private static void checkPrivateSize(Function f, Stmt.NewPrivateArray na) {
            Var v = na.array();
            Integer n = v.fixedLength();
            if (n == null) {
                Set<String> params = new TreeSet<>();
                ExprWalk.any(v.localArraySize, e -> {
                    if (e instanceof Expr.Local l) params.add(l.var().name);
                    return false;
                });
                throw new UnsupportedKernelException(f.owner, f.name, na.bci(), na.line(), "the size of private array '" + v.name
                        + "' must be a constant when the kernel is compiled: specialize " + String.join(", ", params)
                        + " (plans do so on their own; lab kernels --dump needs --set)");
            }
            if (n < 1) {
                throw new UnsupportedKernelException(f.owner, f.name, na.bci(), na.line(),
                        "private array '" + v.name + "' has " + n + " elements; a private array needs at least one");
            }
        }

        void addType(Type t) {
            types.add(t);
            if (t.isArray()) types.add(t.elementType());
        }
    }

    /** Whether the kernel computes in double precision anywhere (the device needs fp64). */
    public boolean usesDoubles() {
        return types.contains(Type.DOUBLE);
    }

    /** Whether a FloatN value occurs (the pipeline skips vector lowering otherwise). */
    public boolean usesVectors() {
        for (Type t : types) if (t.isVector()) return true;
        return false;
    }

    public boolean reads(int javaIndex) {
        return reads.contains(javaIndex);
    }

    public boolean writes(int javaIndex) {
        return writes.contains(javaIndex);
    }
}
