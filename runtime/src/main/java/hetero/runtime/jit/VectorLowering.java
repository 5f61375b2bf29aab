package hetero.runtime.jit;

import hetero.runtime.jit.ir.Block;
import hetero.runtime.jit.ir.Expr;
import hetero.runtime.jit.ir.Expr.BinOp;
import hetero.runtime.jit.ir.Expr.CmpOp;
import hetero.runtime.jit.ir.Function;
import hetero.runtime.jit.ir.Stmt;
import hetero.runtime.jit.ir.Type;
import hetero.runtime.jit.ir.Var;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;

/**
 * Prepares vector IR (TornadoVM's FloatN values) for a target, in two steps:
 * <ol>
 * <li>a lane chosen at run time ({@code v.get(i)}, {@code v.set(i, x)} with i not constant after
 *     specialization) becomes selects over constant lanes, since no target indexes a vector
 *     register with a variable; a lane outside 0..N-1 reads 0.0f and writes nothing (Java would
 *     throw; a device cannot);</li>
 * <li>for a target without vector types ({@link Target#nativeVectors()} false: PTX) every vector
 *     variable becomes one float variable per lane and every vector operation one scalar operation
 *     per lane: loads and stores of lanes {@code index + k}, lane-wise arithmetic, FMAs.</li>
 * </ol>
 * Functions without vectors come back as they are. The input is never changed.
 */
public final class VectorLowering {
    private final boolean scalarize;
    private final Map<Function, Function> done = new IdentityHashMap<>();

    private VectorLowering(boolean scalarize) {
        this.scalarize = scalarize;
    }

    public static Specializer.Specialized apply(Specializer.Specialized spec, Target target) {
        return new Specializer.Specialized(new VectorLowering(!target.nativeVectors()).function(spec.function()), spec.constants());
    }

    /** The lowered copy of one function (exposed for IR-level tests). */
    public static Function apply(Function f, Target target) {
        return new VectorLowering(!target.nativeVectors()).function(f);
    }

    private Function function(Function f) {
        Function known = done.get(f);
        if (known != null) return known;
        if (!usesVectors(f) && Analysis.callees(f).stream().noneMatch(VectorLowering::usesVectors)) {
            done.put(f, f); // nothing to lower: no copy (most kernels; the JIT's time matters)
            return f;
        }
        Function out = IrCopy.copy(f, e -> ExprWalk.map(e, this::node), IrCopy.none());
        if (scalarize && usesVectors(out)) new Scalarizer(out).run();
        done.put(f, out);
        return out;
    }

    private Expr node(Expr x) {
        return switch (x) {
            case Expr.Lane l when !(l.lane() instanceof Expr.Const) -> dynamicLane(l);
            case Expr.WithLane w when !(w.lane() instanceof Expr.Const) -> dynamicWithLane(w);
            case Expr.Call c -> new Expr.Call(function(c.callee()), c.args());
            default -> x;
        };
    }

    /** i == 0 ? v.s0 : i == 1 ? v.s1 : ... : 0.0f */
    private static Expr dynamicLane(Expr.Lane l) {
        Expr out = new Expr.Const(Type.FLOAT, 0f);
        for (int k = l.vector().type().lanes() - 1; k >= 0; k--) {
            out = new Expr.Select(new Expr.Compare(CmpOp.EQ, l.lane(), Expr.Const.ofInt(k)), new Expr.Lane(l.vector(), Expr.Const.ofInt(k)), out);
        }
        return out;
    }

    /** (i == 0 ? x : v.s0, i == 1 ? x : v.s1, ...) */
    private static Expr dynamicWithLane(Expr.WithLane w) {
        Type vt = w.type();
        List<Expr> lanes = new ArrayList<>();
        for (int k = 0; k < vt.lanes(); k++) {
            lanes.add(new Expr.Select(new Expr.Compare(CmpOp.EQ, w.lane(), Expr.Const.ofInt(k)), w.value(), new Expr.Lane(w.vector(), Expr.Const.ofInt(k))));
        }
        return new Expr.VectorOf(vt, lanes);
    }

    static boolean usesVectors(Function f) {
        for (Var v : f.locals) if (v.type.isVector()) return true;
        boolean[] found = {false};
        Analysis.forEachExpr(f, e -> found[0] |= e.type().isVector());
        return found[0];
    }

    /** Rewrites one (freshly copied) function in place: vector variables and operations become per-lane scalars. */
    private static final class Scalarizer {
        private final Function f;
        private final Map<Var, Var[]> lanesOf = new HashMap<>();
        private int temps;

        Scalarizer(Function f) {
            this.f = f;
        }

        void run() {
            for (Var v : List.copyOf(f.locals)) {
                if (!v.type.isVector()) continue;
                Var[] lanes = new Var[v.type.lanes()];
                for (int k = 0; k < lanes.length; k++) {
                    lanes[k] = new Var(v.kind, v.type.laneType(), v.name + "_" + k, -1);
                    f.locals.add(lanes[k]);
                }
                lanesOf.put(v, lanes);
            }
            f.locals.removeIf(v -> v.type.isVector());
            for (Block b : f.blocks) {
                List<Stmt> out = new ArrayList<>();
                for (Stmt s : b.stmts) stmt(s, out);
                b.stmts.clear();
                b.stmts.addAll(out);
                b.terminator = switch (b.terminator) {
                    case Block.Branch br -> new Block.Branch(scalar(br.condition()), br.ifTrue(), br.ifFalse(), br.line());
                    case Block.Return r -> new Block.Return(r.value() == null ? null : scalar(r.value()), r.line());
                    case Block.Goto g -> g;
                };
            }
        }

        private void stmt(Stmt s, List<Stmt> out) {
            switch (s) {
                case Stmt.Assign a when a.target().type.isVector() && a.value() instanceof Expr.VectorLoad vl ->
                        out.add(new Stmt.LoadLanes(List.of(lanesOf.get(a.target())), load(vl, out, a.line()), a.line()));
                case Stmt.Assign a when a.target().type.isVector() -> {
                    Var[] target = lanesOf.get(a.target());
                    List<Expr> values = lanes(hoistLoads(a.value(), out, a.line()), out, a.line());
                    // A lane that reads a lane of the target assigned before it goes through a temporary first.
                    boolean hazard = false;
                    for (int k = 1; k < values.size() && !hazard; k++) {
                        for (int j = 0; j < k; j++) if (readsVar(values.get(k), target[j])) hazard = true;
                    }
                    if (hazard) {
                        List<Expr> saved = new ArrayList<>();
                        for (Expr x : values) saved.add(x instanceof Expr.Const ? x : temp(x, out, a.line()));
                        values = saved;
                    }
                    for (int k = 0; k < target.length; k++) {
                        if (!(values.get(k) instanceof Expr.Local l && l.var() == target[k])) out.add(new Stmt.Assign(target[k], values.get(k), a.line()));
                    }
                }
                case Stmt.VectorStore vs -> {
                    // the index stays an expression: its form tells the target whether the access is aligned
                    Expr index = scalar(vs.index());
                    // every lane is computed before the store: a lane may read the elements being stored;
                    // the store keeps its lanes together (PTX stores them with st.v4 where the index allows)
                    List<Expr> values = spill(lanes(hoistLoads(vs.value(), out, vs.line()), out, vs.line()), out, vs.line());
                    out.add(new Stmt.VectorStore(vs.array(), index, new Expr.VectorOf(vs.value().type(), values), vs.line()));
                }
                case Stmt.Assign a -> out.add(new Stmt.Assign(a.target(), scalar(hoistLoads(a.value(), out, a.line())), a.line()));
                case Stmt.Store st -> out.add(new Stmt.Store(st.array(), scalar(st.index()), scalar(st.value()), st.line()));
                case Stmt.AtomicAdd at -> out.add(new Stmt.AtomicAdd(at.array(), scalar(at.index()), scalar(at.value()), at.line()));
                case Stmt.Eval ev -> out.add(new Stmt.Eval(scalar(ev.call()), ev.line()));
                case Stmt.Barrier br -> out.add(br);
                case Stmt.LoadLanes ll -> out.add(ll);
                case Stmt.NewPrivateArray na -> out.add(na);
            }
        }

        /** The load of a LoadLanes: its index stays an expression, whose form tells the target whether the access is aligned. */
        private Expr.VectorLoad load(Expr.VectorLoad vl, List<Stmt> out, int line) {
            return new Expr.VectorLoad(vl.type(), vl.array(), scalar(vl.index()));
        }

        /**
         * Every vector load in e becomes a LoadLanes into fresh lane variables before the statement
         * (so the target can load the lanes together), unless e chooses between values (a select or
         * a short-circuit), where a load may be one that Java does not execute.
         */
        private Expr hoistLoads(Expr e, List<Stmt> out, int line) {
            if (ExprWalk.any(e, x -> x instanceof Expr.Select || x instanceof Expr.Logic)) return e;
            return ExprWalk.map(e, x -> {
                if (!(x instanceof Expr.VectorLoad vl)) return x;
                List<Var> lanes = new ArrayList<>();
                List<Expr> values = new ArrayList<>();
                for (int k = 0; k < vl.type().lanes(); k++) {
                    Var t = new Var(Var.Kind.TEMP, vl.type().laneType(), "lane" + temps++, -1);
                    f.locals.add(t);
                    lanes.add(t);
                    values.add(new Expr.Local(t));
                }
                out.add(new Stmt.LoadLanes(lanes, load(vl, out, line), line));
                return new Expr.VectorOf(vl.type(), values);
            });
        }

        /** The lanes of a vector expression, each a scalar expression. */
        private List<Expr> lanes(Expr e, List<Stmt> out, int line) {
            Expr vector = e;
            // a load's index is computed once, not once per lane
            if (e instanceof Expr.VectorLoad vl) vector = new Expr.VectorLoad(vl.type(), vl.array(), stable(scalar(vl.index()), out, line));
            List<Expr> lanes = new ArrayList<>();
            for (int k = 0; k < e.type().lanes(); k++) lanes.add(lane(vector, k));
            return lanes;
        }

        private List<Expr> spill(List<Expr> values, List<Stmt> out, int line) {
            List<Expr> spilled = new ArrayList<>();
            for (Expr v : values) spilled.add(stable(v, out, line));
            return spilled;
        }

        private Expr stable(Expr e, List<Stmt> out, int line) {
            if (e instanceof Expr.Const || e instanceof Expr.Local) return e;
            return temp(e, out, line);
        }

        private Expr temp(Expr e, List<Stmt> out, int line) {
            Var t = new Var(Var.Kind.TEMP, e.type(), "lane" + temps++, -1);
            f.locals.add(t);
            out.add(new Stmt.Assign(t, e, line));
            return new Expr.Local(t);
        }

        private static boolean readsVar(Expr e, Var v) {
            return ExprWalk.any(e, x -> x instanceof Expr.Local l && l.var() == v);
        }

        private static Expr plus(Expr index, int k) {
            if (k == 0) return index;
            if (index instanceof Expr.Const c) return Expr.Const.ofInt(c.number().intValue() + k);
            return new Expr.Binary(BinOp.ADD, Type.INT, index, Expr.Const.ofInt(k));
        }

        /** A scalar expression with every lane of a vector inside it replaced by its scalar form. */
        private Expr scalar(Expr e) {
            return ExprWalk.map(e, x -> x instanceof Expr.Lane l ? lane(l.vector(), ((Expr.Const) l.lane()).number().intValue()) : x);
        }

        /** Lane k of a vector expression, as a scalar expression. */
        private Expr lane(Expr v, int k) {
            return switch (v) {
                case Expr.Local l -> new Expr.Local(lanesOf.get(l.var())[k]);
                case Expr.VectorLoad vl -> new Expr.ArrayLoad(vl.array(), plus(scalar(vl.index()), k));
                case Expr.VectorOf vo -> scalar(vo.lanes().get(k));
                case Expr.Binary b -> new Expr.Binary(b.op(), b.type().laneType(), lane(b.left(), k), lane(b.right(), k));
                case Expr.Intrinsic i -> {
                    List<Expr> args = new ArrayList<>();
                    for (Expr a : i.args()) args.add(lane(a, k));
                    yield new Expr.Intrinsic(i.fn(), i.type().laneType(), args);
                }
                case Expr.WithLane w -> ((Expr.Const) w.lane()).number().intValue() == k ? scalar(w.value()) : lane(w.vector(), k);
                case Expr.Select s -> new Expr.Select(scalar(s.cond()), lane(s.ifTrue(), k), lane(s.ifFalse(), k));
                default -> throw new IllegalStateException("no lanes for " + v);
            };
        }
    }
}
