package hetero.runtime.jit;

import hetero.runtime.jit.ir.Block;
import hetero.runtime.jit.ir.Expr;
import hetero.runtime.jit.ir.Expr.BinOp;
import hetero.runtime.jit.ir.Expr.CmpOp;
import hetero.runtime.jit.ir.Function;
import hetero.runtime.jit.ir.Intrinsic;
import hetero.runtime.jit.ir.Stmt;
import hetero.runtime.jit.ir.Type;
import hetero.runtime.jit.ir.Var;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Guarantees: after this pass the IR holds no Java-only semantics, so emitters print each node with
 * the target's plain instruction. Java's device contract is written out as selects and compares:
 * <ul>
 * <li>int/long {@code x / 0} and {@code x % 0} give 0 (Java throws; a device cannot), {@code MIN_VALUE / -1}
 *     wraps to MIN_VALUE and {@code x % -1} is 0; the division left in the IR never sees 0 or -1;</li>
 * <li>shift counts are masked ({@code & 31}, {@code & 63}), so every shift left is in range;</li>
 * <li>float/double to int/long casts give 0 for NaN; what remains is a saturating, truncating
 *     conversion, which every target has as one instruction;</li>
 * <li>{@code Math.max/min} on floats and doubles: NaN wins and -0.0 < 0.0 (kept as one node where
 *     {@link Target#nativeJavaMinMax()} says the float instruction exists);</li>
 * <li>{@code KMath.max/min} (float): IEEE maxNum/minNum (a NaN operand gives the other) and -0.0 < 0.0,
 *     written as the target's fmax/fmin plus a fix for equal zeros of opposite sign;</li>
 * <li>lcmp / fcmpl / fcmpg and {@code Integer/Long.compare} used as a value (-1, 0 or 1, the
 *     instruction's own result for NaN) become two selects over compares.</li>
 * </ul>
 * The selects repeat their operands. An operand that is more than a variable or a constant, and
 * that reads no memory and calls nothing, is first bound to a fresh temporary assigned just before
 * the statement, so nested rewrites ({@code a / (b / c)}) stay linear in size instead of growing
 * fourfold per level. Other operands are repeated as they are (side-effect free; every target's
 * compiler shares the repeated subexpressions).
 * The input function and its callees are never modified; callees get legalized copies, and a
 * function with nothing to rewrite (in it or below it) comes back as it is.
 */
public final class LegalizeJavaSemantics {
    private final Target target;
    private final Map<Function, Function> done = new IdentityHashMap<>();
    private final Map<Function, Boolean> needed = new IdentityHashMap<>();

    private LegalizeJavaSemantics(Target target) {
        this.target = target;
    }

    public static Specializer.Specialized apply(Specializer.Specialized spec, Target target) {
        return new Specializer.Specialized(new LegalizeJavaSemantics(target).function(spec.function()), spec.constants());
    }

    /** The legalized copy of one function (exposed for IR-level tests). */
    public static Function apply(Function f, Target target) {
        return new LegalizeJavaSemantics(target).function(f);
    }

    private Function function(Function f) {
        Function known = done.get(f);
        if (known != null) return known;
        if (!needed(f)) {
            done.put(f, f);   // nothing Java-only in it or its callees: no copy (the JIT's time matters)
            return f;
        }
        Operands ops = new Operands(f);
        Function out = IrCopy.copy(f, e -> ExprWalk.map(e, x -> node(x, ops)), IrCopy.none());
        ops.place(out);
        done.put(f, out);
        return out;
    }

    /** Whether f or a function it calls has a node that {@link #node} rewrites (or may: a shift or division by a constant). */
    private boolean needed(Function f) {
        Boolean known = needed.get(f);
        if (known != null) return known;
        // the answer depends on the target only through nativeJavaMinMax; frozen IR keeps it (Function#fact)
        boolean any = f.fact(target.nativeJavaMinMax() ? NEEDED_NATIVE_MIN_MAX : NEEDED, g -> {
            boolean[] found = {false};
            Analysis.forEachExpr(g, x -> found[0] = found[0] || rewrites(x));
            for (Function.ParallelLoop pl : g.parallelLoops) {
                found[0] = found[0] || ExprWalk.any(pl.start(), this::rewrites) || ExprWalk.any(pl.end(), this::rewrites);
            }
            return found[0];
        });
        needed.put(f, any);
        return any;
    }

    private static final Object NEEDED = new Object(), NEEDED_NATIVE_MIN_MAX = new Object();

    private boolean rewrites(Expr x) {
        return x instanceof Expr.Call c ? needed(c.callee()) : javaOnly(x);
    }

    /** The nodes with Java-only meaning, which {@link #node} rewrites: the one list of them. */
    private boolean javaOnly(Expr x) {
        return switch (x) {
            case Expr.Binary b -> b.type().isIntegral() && switch (b.op()) {
                case DIV, REM, SHL, SHR, USHR -> true;
                default -> false;
            };
            case Expr.Convert c -> c.operand().type().isFloating() && c.type().isIntegral();
            case Expr.CmpValue c -> true;
            case Expr.Intrinsic i -> switch (i.fn()) {
                case JAVA_MAX, JAVA_MIN -> !(target.nativeJavaMinMax() && i.type() == Type.FLOAT);
                case FMAX, FMIN, JAVA_SIGNUM -> true;
                default -> false;
            };
            default -> false;
        };
    }

    private Expr node(Expr x, Operands ops) {
        if (x instanceof Expr.Call c) return new Expr.Call(function(c.callee()), c.args());
        if (!javaOnly(x)) return x;
        return switch (x) {
            case Expr.Binary b when b.op() == BinOp.DIV || b.op() == BinOp.REM -> division(b, ops);
            case Expr.Binary b -> shift(b);
            case Expr.Convert c -> {
                Expr v = ops.bind(c.operand());
                yield new Expr.Select(isNan(v), zero(c.type()), v == c.operand() ? c : new Expr.Convert(c.op(), v));
            }
            case Expr.Intrinsic i when i.fn() == Intrinsic.JAVA_MAX || i.fn() == Intrinsic.JAVA_MIN -> javaMinMax(i, ops);
            case Expr.Intrinsic i when i.fn() == Intrinsic.FMAX || i.fn() == Intrinsic.FMIN -> signedZeros(i, ops);
            case Expr.Intrinsic i -> signum(ops.bind(i.args().getFirst()));
            case Expr.CmpValue c -> compareValue(ops.bind(c.left()), ops.bind(c.right()), c.nanResult());
            default -> x;
        };
    }

    /** b == 0 ? 0 : b == -1 ? -a : a / safe, with safe = (b == 0 || b == -1) ? 1 : b; a % safe covers both cases of %. */
    private static Expr division(Expr.Binary b, Operands ops) {
        Type t = b.type();
        if (b.right() instanceof Expr.Const) return division(b.op(), t, b.left(), b.right(), b);
        return division(b.op(), t, ops.bind(b.left()), ops.bind(b.right()), b);
    }

    private static Expr division(BinOp op, Type t, Expr a, Expr d, Expr.Binary b) {
        if (d instanceof Expr.Const c) {
            long v = c.number().longValue();
            if (v == 0) return zero(t);
            if (v == -1) return op == BinOp.DIV ? new Expr.Neg(t, a) : zero(t);
            return b;
        }
        Expr isZero = new Expr.Compare(CmpOp.EQ, d, zero(t));
        Expr isMinus1 = new Expr.Compare(CmpOp.EQ, d, constant(t, -1));
        Expr safe = new Expr.Select(new Expr.Logic(false, isZero, isMinus1), constant(t, 1), d);
        if (op == BinOp.REM) return new Expr.Binary(BinOp.REM, t, a, safe);
        Expr quotient = new Expr.Binary(BinOp.DIV, t, a, safe);
        return new Expr.Select(isZero, zero(t), new Expr.Select(isMinus1, new Expr.Neg(t, a), quotient));
    }

    private static Expr shift(Expr.Binary b) {
        int mask = b.type() == Type.LONG ? 63 : 31;
        Expr count = b.right();
        if (count instanceof Expr.Const c) {
            long v = c.number().longValue();
            if (v >= 0 && v <= mask) return b;
            return new Expr.Binary(b.op(), b.type(), b.left(), Expr.Const.ofInt((int) (v & mask)));
        }
        Expr masked = new Expr.Binary(BinOp.AND, count.type(), count, constant(count.type(), mask));
        return new Expr.Binary(b.op(), b.type(), b.left(), masked);
    }

    /** Math.max: isnan(a) || isnan(b) ? a + b : a == b ? (signbit(a) ? b : a) : a > b ? a : b (min mirrored). */
    private static Expr javaMinMax(Expr.Intrinsic i, Operands ops) {
        boolean max = i.fn() == Intrinsic.JAVA_MAX;
        Expr a = ops.bind(i.args().get(0)), b = ops.bind(i.args().get(1));
        Expr anyNan = new Expr.Logic(false, isNan(a), isNan(b));
        Expr tie = new Expr.Select(signBit(a), max ? b : a, max ? a : b);
        Expr pick = new Expr.Select(new Expr.Compare(max ? CmpOp.GT : CmpOp.LT, a, b), a, b);
        return new Expr.Select(anyNan, new Expr.Binary(BinOp.ADD, i.type(), a, b),
                new Expr.Select(new Expr.Compare(CmpOp.EQ, a, b), tie, pick));
    }

    /**
     * a < b ? -1 : a == b ? 0 : 1 (fcmpg: NaN gives 1, and integers have no NaN), or a > b ? 1 : a == b ? 0 : -1
     * (fcmpl: NaN gives -1); the test that the NaN result shares with an ordered result is left out.
     */
    private static Expr compareValue(Expr a, Expr b, int nan) {
        if (a.type().isFloating() && nan != 1 && nan != -1) throw new IllegalStateException("a float comparison whose NaN result is " + nan);
        boolean nanLow = nan == -1 && a.type().isFloating();
        Expr equal = new Expr.Select(new Expr.Compare(CmpOp.EQ, a, b), Expr.Const.ofInt(0), Expr.Const.ofInt(nanLow ? -1 : 1));
        return nanLow ? new Expr.Select(new Expr.Compare(CmpOp.GT, a, b), Expr.Const.ofInt(1), equal)
                : new Expr.Select(new Expr.Compare(CmpOp.LT, a, b), Expr.Const.ofInt(-1), equal);
    }

    /** Math.signum: 1 above zero, -1 below, and x itself for 0.0, -0.0 and NaN. */
    private static Expr signum(Expr x) {
        Type t = x.type();
        Expr one = t == Type.DOUBLE ? new Expr.Const(t, 1.0) : new Expr.Const(t, 1f);
        Expr minusOne = t == Type.DOUBLE ? new Expr.Const(t, -1.0) : new Expr.Const(t, -1f);
        Expr zero = t == Type.DOUBLE ? new Expr.Const(t, 0.0) : new Expr.Const(t, 0f);
        return new Expr.Select(new Expr.Compare(CmpOp.GT, x, zero), one,
                new Expr.Select(new Expr.Compare(CmpOp.LT, x, zero), minusOne, x));
    }

    /** KMath.max: a == b ? (signbit(a) ? b : a) : fmax(a, b), so that max(-0.0, 0.0) is 0.0 on every target (min mirrored). */
    private static Expr signedZeros(Expr.Intrinsic i, Operands ops) {
        boolean max = i.fn() == Intrinsic.FMAX;
        Expr a = ops.bind(i.args().get(0)), b = ops.bind(i.args().get(1));
        Expr tie = new Expr.Select(signBit(a), max ? b : a, max ? a : b);
        Expr plain = a == i.args().get(0) && b == i.args().get(1) ? i : new Expr.Intrinsic(i.fn(), i.type(), List.of(a, b));
        return new Expr.Select(new Expr.Compare(CmpOp.EQ, a, b), tie, plain);
    }

    private static Expr isNan(Expr x) {
        return new Expr.Compare(CmpOp.NE, new Expr.Intrinsic(Intrinsic.ISNAN, Type.INT, List.of(x)), Expr.Const.ofInt(0));
    }

    private static Expr signBit(Expr x) {
        boolean dbl = x.type() == Type.DOUBLE;
        Expr bits = new Expr.Intrinsic(dbl ? Intrinsic.BITS_AS_LONG : Intrinsic.BITS_AS_INT, dbl ? Type.LONG : Type.INT, List.of(x));
        return new Expr.Compare(CmpOp.LT, bits, zero(bits.type()));
    }

    private static Expr.Const zero(Type t) {
        return constant(t, 0);
    }

    private static Expr.Const constant(Type t, long v) {
        return t == Type.LONG ? new Expr.Const(Type.LONG, v) : new Expr.Const(Type.INT, (int) v);
    }

    /**
     * Temporaries for the operands that a rewrite repeats, in one function. {@link #bind} hands out a
     * variable for a value; {@link #place} then assigns each one right before the statement (or the
     * branch) that uses it, inner ones first. Only values that read no memory and call nothing are
     * bound, so evaluating them a little earlier, and even where Java would have skipped them, changes
     * nothing. Parallel-loop bounds are not statements: there the values go back in place.
     */
    private static final class Operands {
        private final Function f;
        private Set<String> names;   // the function's variable names, gathered at the first binding
        private final Map<Var, Expr> values = new LinkedHashMap<>();

        Operands(Function f) {
            this.f = f;
        }

        Expr bind(Expr x) {
            if (x instanceof Expr.Local || x instanceof Expr.Const || x instanceof Expr.WorkItem) return x;
            if (ExprWalk.any(x, e -> e instanceof Expr.Call || e instanceof Expr.ArrayLoad || e instanceof Expr.VectorLoad)) return x;
            if (names == null) {
                names = new HashSet<>();
                for (Var v : f.params) names.add(v.name);
                for (Var v : f.locals) names.add(v.name);
            }
            String name = "op" + values.size();
            for (int k = 1; names.contains(name); k++) name = "op" + values.size() + "_" + k;
            names.add(name);
            Var t = new Var(Var.Kind.TEMP, x.type(), name, -1);
            values.put(t, x);
            return new Expr.Local(t);
        }

        void place(Function out) {
            if (values.isEmpty()) return;
            out.locals.addAll(values.keySet());
            for (Block b : out.blocks) {
                List<Stmt> stmts = new ArrayList<>(b.stmts.size() + 4);
                for (Stmt s : b.stmts) {
                    switch (s) {
                        case Stmt.Assign a -> assignsFor(a.line(), stmts, a.value());
                        case Stmt.Store st -> assignsFor(st.line(), stmts, st.index(), st.value());
                        case Stmt.VectorStore vs -> assignsFor(vs.line(), stmts, vs.index(), vs.value());
                        case Stmt.LoadLanes ll -> assignsFor(ll.line(), stmts, ll.source());
                        case Stmt.AtomicAdd at -> assignsFor(at.line(), stmts, at.index(), at.value());
                        case Stmt.Eval ev -> assignsFor(ev.line(), stmts, ev.call());
                        case Stmt.NewPrivateArray na -> { }   // no operands
                        case Stmt.Barrier br -> { }
                    }
                    stmts.add(s);
                }
                switch (b.terminator) {
                    case Block.Branch br -> assignsFor(br.line(), stmts, br.condition());
                    case Block.Return r when r.value() != null -> assignsFor(r.line(), stmts, r.value());
                    default -> { }
                }
                b.stmts.clear();
                b.stmts.addAll(stmts);
            }
            for (int i = 0; i < out.parallelLoops.size(); i++) {
                Function.ParallelLoop pl = out.parallelLoops.get(i);
                out.parallelLoops.set(i, new Function.ParallelLoop(pl.variable(), pl.dimension(), inline(pl.start()),
                        inline(pl.end()), pl.inclusiveEnd(), pl.step()));
            }
        }

        private void assignsFor(int line, List<Stmt> into, Expr... uses) {
            Set<Var> needed = new HashSet<>();
            for (Expr e : uses) need(e, needed);
            if (needed.isEmpty()) return;
            for (Map.Entry<Var, Expr> v : values.entrySet()) {   // creation order: inner operands first
                if (needed.contains(v.getKey())) into.add(new Stmt.Assign(v.getKey(), v.getValue(), line));
            }
        }

        private void need(Expr e, Set<Var> needed) {
            ExprWalk.any(e, x -> {
                if (x instanceof Expr.Local l && values.containsKey(l.var()) && needed.add(l.var())) need(values.get(l.var()), needed);
                return false;
            });
        }

        private Expr inline(Expr e) {
            return ExprWalk.map(e, x -> x instanceof Expr.Local l && values.containsKey(l.var()) ? inline(values.get(l.var())) : x);
        }
    }
}
