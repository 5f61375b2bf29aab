package hetero.runtime.jit;

import hetero.runtime.jit.IndexRules.Defs;
import hetero.runtime.jit.IndexRules.Fact;
import hetero.runtime.jit.IndexRules.Induction;
import hetero.runtime.jit.IndexRules.Rule;
import hetero.runtime.jit.IndexRules.Step;
import hetero.runtime.jit.IndexRules.Unknown;
import hetero.runtime.jit.ir.Block;
import hetero.runtime.jit.ir.Expr;
import hetero.runtime.jit.ir.Expr.CmpOp;
import hetero.runtime.jit.ir.Function;
import hetero.runtime.jit.ir.Stmt;
import hetero.runtime.jit.ir.Type;
import hetero.runtime.jit.ir.Var;
import hetero.runtime.kernel.HostArrays;
import hetero.runtime.kernel.WorkerGrid;

import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;

/**
 * The launch-time proof of {@link OverflowFreeIndexing}: whether, for one launch, no index expression of
 * the kernel can wrap. Built once per compiled kernel from its IR (rules for its integer variables);
 * evaluated on each launch with interval arithmetic over the actual scalar arguments, array lengths and
 * grid. The ranges are sound for Java's semantics: an int operation whose exact range leaves int gives
 * "any int" (Java wraps), an array load or unknown call gives "any int" (char, short and byte arrays their
 * type's range), and a variable's range is the union of what it is assigned, where a loop induction
 * variable {@code v = v + s} needs the guard of its loop ({@code v < B} on the edge into the loop, which
 * must precede the increment with no other assignment of v in that loop). The check holds when every int
 * {@code + - *} of every checked index has an exact range inside int: then 64-bit arithmetic gives Java's value.
 */
public final class IndexCheck {
    private static final long MIN = Integer.MIN_VALUE, MAX = Integer.MAX_VALUE;
    private static final int MAX_CALL_DEPTH = 8;
    /** At least the largest work-group a driver may choose itself (PoCL allows 4096; PTX picks 256). */
    private static final long MAX_GROUP = 4096;

    /** A launch as the check sees it: Java arguments by parameter index, the grid as launched. */
    public record Launch(Object[] args, long[] global, long[] local) {
        public static Launch of(Object[] args, WorkerGrid grid) {
            return new Launch(args, grid.roundedGlobal(), grid.localSize());
        }

        /** Everything the check reads: int-like scalars, array lengths, the grid (equal signatures, equal verdicts). */
        long[] signature() {
            long[] k = new long[args.length + global.length + (local == null ? 1 : local.length + 1)];
            int i = 0;
            for (Object a : args) {
                k[i++] = switch (a) {
                    case Integer v -> v;
                    case Short v -> v;
                    case Byte v -> v;
                    case Character v -> v;
                    case Boolean v -> v ? 1 : 0;
                    case null -> Long.MIN_VALUE;
                    default -> HostArrays.isArray(a) ? HostArrays.length(a) : Long.MIN_VALUE;
                };
            }
            for (long g : global) k[i++] = g;
            k[i++] = local == null ? -1 : local.length;
            if (local != null) for (long l : local) k[i++] = l;
            return k;
        }
    }

    /** A launch signature as a map key. */
    private record Signature(long[] values) {
        @Override
        public boolean equals(Object o) {
            return o instanceof Signature s && java.util.Arrays.equals(values, s.values);
        }

        @Override
        public int hashCode() {
            return java.util.Arrays.hashCode(values);
        }
    }

    /** Verdicts of recent launch shapes: a model runs one kernel at a few shapes per forward (QKV, FFN). */
    private static final int REMEMBERED = 16;

    private final Map<Signature, Verdict> recent = new java.util.LinkedHashMap<>(32, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<Signature, Verdict> eldest) {
            return size() > REMEMBERED;
        }
    };

    /** The variant to run, and why exact where it is. */
    public record Verdict(Indexing indexing, String reason) {}

    /** A range of int values, lo <= hi. */
    record Range(long lo, long hi) {
        static final Range ANY = new Range(MIN, MAX);

        static Range point(long v) {
            return new Range(v, v);
        }

        /** The range of Java's int result of an operation whose exact result lies in [lo, hi]. */
        static Range wrapped(long lo, long hi) {
            return lo < MIN || hi > MAX ? ANY : new Range(lo, hi);
        }

        Range union(Range o) {
            return new Range(Math.min(lo, o.lo), Math.max(hi, o.hi));
        }

        boolean isPoint() {
            return lo == hi;
        }
    }

    private final Function kernel;
    private final List<OverflowFreeIndexing.Index> indices;
    private final Map<Function, Map<Var, Rule>> rules = new IdentityHashMap<>();
    /** Device functions without loops, whose return values are evaluated path by path. */
    private final Map<Function, Cfg> acyclic = new IdentityHashMap<>();

    IndexCheck(Function kernel, List<OverflowFreeIndexing.Index> indices) {
        this.kernel = kernel;
        this.indices = List.copyOf(indices);
        rules.put(kernel, IndexRules.of(kernel));
        for (Function c : Analysis.callees(kernel)) {
            rules.putIfAbsent(c, IndexRules.of(c));
            Cfg cfg = new Cfg(c);
            if (cfg.loops.isEmpty()) acyclic.put(c, cfg);
        }
    }

    /** How many index expressions the check proves (0: the variant equals the exact one). */
    public int indexCount() {
        return indices.size();
    }

    public boolean holds(Launch launch) {
        return evaluate(launch).indexing() == Indexing.OVERFLOW_FREE;
    }

    /** OVERFLOW_FREE where every checked index provably stays in int for this launch, else EXACT with the first index that may wrap. */
    public Verdict evaluate(Launch launch) {
        Signature key = new Signature(launch.signature());
        synchronized (recent) {
            Verdict known = recent.get(key);
            if (known != null) return known;
        }
        Verdict v = prove(launch);
        synchronized (recent) {
            recent.put(key, v);
        }
        return v;
    }

    private Verdict prove(Launch launch) {
        Eval ev = new Eval(kernel, launch, null, 0);
        for (OverflowFreeIndexing.Index ix : indices) {
            Expr[] failed = new Expr[1];
            long[] r = chain(ix.index(), ev, failed);
            if (r == null) {
                Range at = ev.exact(failed[0]);
                return new Verdict(Indexing.EXACT, "index " + describe(ix.index()) + " (line " + ix.line() + "): "
                        + describe(failed[0]) + " may leave int, range [" + at.lo + ", " + at.hi + "]");
            }
        }
        return new Verdict(Indexing.OVERFLOW_FREE, indices.size() + " index expressions proven within int");
    }

    /** The exact range of a chain of int + - *, or null (and the node in failed[0]) where one may leave int. */
    private static long[] chain(Expr e, Eval ev, Expr[] failed) {
        if (!OverflowFreeIndexing.isChain(e)) {
            Range r = ev.range(e);
            return new long[]{r.lo, r.hi};
        }
        Expr.Binary b = (Expr.Binary) e;
        long[] l = chain(b.left(), ev, failed);
        if (l == null) return null;
        long[] r = chain(b.right(), ev, failed);
        if (r == null) return null;
        long[] x = arith(b.op(), l[0], l[1], r[0], r[1]);
        if (x[0] < MIN || x[1] > MAX) {
            failed[0] = e;
            return null;
        }
        return x;
    }

    /** Exact + - * on ranges of int values (the products fit in long). */
    private static long[] arith(Expr.BinOp op, long alo, long ahi, long blo, long bhi) {
        return switch (op) {
            case ADD -> new long[]{alo + blo, ahi + bhi};
            case SUB -> new long[]{alo - bhi, ahi - blo};
            case MUL -> {
                long p1 = alo * blo, p2 = alo * bhi, p3 = ahi * blo, p4 = ahi * bhi;
                yield new long[]{Math.min(Math.min(p1, p2), Math.min(p3, p4)), Math.max(Math.max(p1, p2), Math.max(p3, p4))};
            }
            default -> throw new IllegalArgumentException(op.toString());
        };
    }

    // ------------------------------------------------------------------ evaluation at launch

    /** Ranges in one function for one launch (the kernel, or a device function at one call). */
    private final class Eval {
        final Function fn;
        final Launch launch;
        final Map<Var, Rule> rules;
        /** For a device function: its parameters' ranges and array arguments at this call. */
        final Map<Var, Object> params;
        final int depth;
        final Map<Var, Range> memo = new IdentityHashMap<>();
        /** While walking a function without loops along its paths: the ranges where the walk is. */
        Map<Var, Range> env;

        Eval(Function fn, Launch launch, Map<Var, Object> params, int depth) {
            this.fn = fn;
            this.launch = launch;
            Map<Var, Rule> known = IndexCheck.this.rules.get(fn);   // filled for the kernel and its callees when built
            this.rules = known != null ? known : IndexRules.of(fn);
            this.params = params;
            this.depth = depth;
        }

        Range exact(Expr e) {
            if (OverflowFreeIndexing.isChain(e)) {
                Expr.Binary b = (Expr.Binary) e;
                Range l = range(b.left()), r = range(b.right());
                long[] x = arith(b.op(), l.lo, l.hi, r.lo, r.hi);
                return new Range(x[0], x[1]);
            }
            return range(e);
        }

        Range range(Expr e) {
            if (e.type() != Type.INT) return Range.ANY;
            return switch (e) {
                case Expr.Const c -> Range.point(c.number().longValue());
                case Expr.Local l -> variable(l.var());
                case Expr.Binary b -> binary(b);
                case Expr.Neg n -> {
                    Range r = range(n.operand());
                    yield Range.wrapped(-r.hi, -r.lo);
                }
                case Expr.Convert c -> switch (c.op()) {
                    case I2B -> narrow(range(c.operand()), -128, 127);
                    case I2S -> narrow(range(c.operand()), Short.MIN_VALUE, Short.MAX_VALUE);
                    case I2C -> narrow(range(c.operand()), 0, 65535);
                    default -> Range.ANY;
                };
                case Expr.Select s -> {
                    Boolean t = truth(s.cond());
                    yield t != null ? range(t ? s.ifTrue() : s.ifFalse()) : select(s);
                }
                case Expr.ArrayLoad a -> switch (a.array().type) {
                    case CHAR_ARRAY -> new Range(0, 65535);
                    case SHORT_ARRAY -> new Range(Short.MIN_VALUE, Short.MAX_VALUE);
                    case BYTE_ARRAY -> new Range(-128, 127);
                    default -> Range.ANY;
                };
                case Expr.ArrayLength a -> length(a.array());
                case Expr.CmpValue c -> new Range(-1, 1);
                case Expr.Intrinsic i -> intrinsic(i);
                case Expr.Call c -> call(c);
                case Expr.WorkItem w -> workItem(w);
                default -> Range.ANY;
            };
        }

        /** Either side, or their min or max where the condition compares them ({@code a < b ? a : b}: Java's usual clamp). */
        private Range select(Expr.Select s) {
            Range a = range(s.ifTrue()), b = range(s.ifFalse());
            if (s.cond() instanceof Expr.Compare c && c.op() != CmpOp.EQ && c.op() != CmpOp.NE) {
                boolean less = c.op() == CmpOp.LT || c.op() == CmpOp.LE;
                Boolean min = c.left().equals(s.ifTrue()) && c.right().equals(s.ifFalse()) ? less
                        : c.left().equals(s.ifFalse()) && c.right().equals(s.ifTrue()) ? !less : null;
                if (min != null) {
                    return min ? new Range(Math.min(a.lo, b.lo), Math.min(a.hi, b.hi)) : new Range(Math.max(a.lo, b.lo), Math.max(a.hi, b.hi));
                }
            }
            return a.union(b);
        }

        private Range narrow(Range r, long lo, long hi) {
            return r.lo >= lo && r.hi <= hi ? r : new Range(lo, hi);
        }

        private Range binary(Expr.Binary b) {
            Range x = range(b.left()), y = range(b.right());
            switch (b.op()) {
                case ADD, SUB, MUL -> {
                    long[] r = arith(b.op(), x.lo, x.hi, y.lo, y.hi);
                    return Range.wrapped(r[0], r[1]);
                }
                case DIV -> {
                    if (y.lo <= 0 && y.hi >= 0) return Range.ANY;
                    if (x.lo == MIN && y.lo <= -1 && y.hi >= -1) return Range.ANY;   // MIN_VALUE / -1 wraps
                    long q1 = x.lo / y.lo, q2 = x.lo / y.hi, q3 = x.hi / y.lo, q4 = x.hi / y.hi;
                    return new Range(Math.min(Math.min(q1, q2), Math.min(q3, q4)), Math.max(Math.max(q1, q2), Math.max(q3, q4)));
                }
                case REM -> {
                    if (x.isPoint() && y.isPoint() && y.lo != 0) return Range.point(x.lo % y.lo);
                    long m = Math.max(Math.abs(y.lo), Math.abs(y.hi)) - 1;   // |x % y| < |y|, and x % y has x's sign
                    if (m < 0) return Range.ANY;
                    if (x.lo >= 0) return new Range(0, Math.min(x.hi, m));
                    if (x.hi <= 0) return new Range(-Math.min(-x.lo, m), 0);
                    return new Range(-m, m);
                }
                case AND -> {
                    if (x.lo >= 0 && y.lo >= 0) return new Range(0, Math.min(x.hi, y.hi));
                    if (x.lo >= 0) return new Range(0, x.hi);
                    if (y.lo >= 0) return new Range(0, y.hi);
                    return Range.ANY;
                }
                case OR, XOR -> {
                    if (x.lo < 0 || y.lo < 0) return Range.ANY;
                    long h = Math.max(x.hi, y.hi);
                    return new Range(0, h == 0 ? 0 : (Long.highestOneBit(h) << 1) - 1);
                }
                case SHL -> {
                    if (!y.isPoint() || y.lo < 0 || y.lo > 31) return Range.ANY;
                    return Range.wrapped(x.lo << y.lo, x.hi << y.lo);
                }
                case SHR, USHR -> {
                    if (x.lo < 0) return b.op() == Expr.BinOp.SHR && y.isPoint() && y.lo >= 0 && y.lo <= 31
                            ? new Range(x.lo >> y.lo, x.hi >> y.lo) : Range.ANY;
                    return y.isPoint() && y.lo >= 0 && y.lo <= 31 ? new Range(x.lo >> y.lo, x.hi >> y.lo) : new Range(0, x.hi);
                }
            }
            return Range.ANY;
        }

        private Range intrinsic(Expr.Intrinsic i) {
            return switch (i.fn()) {
                case MIN -> {
                    Range a = range(i.args().get(0)), b = range(i.args().get(1));
                    yield new Range(Math.min(a.lo, b.lo), Math.min(a.hi, b.hi));
                }
                case MAX -> {
                    Range a = range(i.args().get(0)), b = range(i.args().get(1));
                    yield new Range(Math.max(a.lo, b.lo), Math.max(a.hi, b.hi));
                }
                case ABS -> {
                    Range a = range(i.args().getFirst());
                    if (a.lo >= 0) yield a;
                    if (a.lo == MIN) yield Range.ANY;   // Math.abs(MIN_VALUE) is MIN_VALUE
                    yield a.hi <= 0 ? new Range(-a.hi, -a.lo) : new Range(0, Math.max(-a.lo, a.hi));
                }
                case ISNAN, ISINF -> new Range(0, 1);
                default -> Range.ANY;
            };
        }

        private Range workItem(Expr.WorkItem w) {
            long g = w.dim() < launch.global().length ? launch.global()[w.dim()] : 1;
            Long l = launch.local() == null ? null : w.dim() < launch.local().length ? launch.local()[w.dim()] : 1L;
            // Without a chosen work-group size a driver may round the grid up to its own (PTX: to a multiple of 256 items).
            long slack = l == null ? MAX_GROUP - 1 : 0;
            if (g + slack > MAX) return Range.ANY;
            return switch (w.query()) {
                case GLOBAL_ID -> new Range(0, g + slack - 1);
                case GLOBAL_SIZE -> new Range(g, g + slack);
                case LOCAL_ID -> new Range(0, (l == null ? Math.min(g, MAX_GROUP) : l) - 1);
                case LOCAL_SIZE -> l == null ? new Range(1, Math.min(g, MAX_GROUP)) : Range.point(l);
                case GROUP_ID -> new Range(0, (l == null ? g + slack : g / l) - 1);
            };
        }

        private Range length(Var array) {
            if (array.kind == Var.Kind.LOCAL_ARRAY) {
                return array.localArraySize instanceof Expr.Const c ? Range.point(c.number().longValue()) : new Range(0, MAX);
            }
            if (params != null) {
                return params.get(array) instanceof Range r ? r : new Range(0, MAX);
            }
            if (array.kind == Var.Kind.PARAM && array.paramIndex < launch.args().length) {
                Object a = launch.args()[array.paramIndex];
                if (a != null && HostArrays.isArray(a)) return Range.point(HostArrays.length(a));
            }
            return new Range(0, MAX);
        }

        private Range call(Expr.Call c) {
            Function callee = c.callee();
            if (callee.returnType != Type.INT || depth >= MAX_CALL_DEPTH) return Range.ANY;
            Map<Var, Object> at = new IdentityHashMap<>();
            for (int k = 0; k < c.args().size() && k < callee.params.size(); k++) {
                Var p = callee.params.get(k);
                Expr a = c.args().get(k);
                if (p.type.isArray()) {
                    if (a instanceof Expr.Local l) at.put(p, length(l.var()));   // an array parameter stands for its length
                } else if (p.type == Type.INT) {
                    at.put(p, range(a));
                }
            }
            Eval inner = new Eval(callee, launch, at, depth + 1);
            Cfg straight = acyclic.get(callee);
            if (straight != null) return inner.alongPaths(straight);
            Range r = null;
            for (Block b : callee.blocks) {
                if (b.terminator instanceof Block.Return ret && ret.value() != null) {
                    Range x = inner.range(ret.value());
                    r = r == null ? x : r.union(x);
                }
            }
            return r == null ? Range.ANY : r;
        }

        /**
         * The return value of a function without loops, walked block by block in order: each variable's
         * range per path, joined where paths meet and narrowed along each branch by its condition
         * ({@code validLength < seqK ? validLength : seqK} is at most seqK, {@code n > 0 ? n : 0} at least 0).
         */
        Range alongPaths(Cfg cfg) {
            Map<Block, Map<Var, Range>> out = new IdentityHashMap<>();
            Range result = null;
            for (Block b : cfg.rpo) {
                Map<Var, Range> in = null;
                if (b == fn.entry()) {
                    in = new IdentityHashMap<>();
                    for (Var p : fn.params) if (params.get(p) instanceof Range r && p.type == Type.INT) in.put(p, r);
                }
                for (Block p : cfg.preds.get(b)) {
                    Map<Var, Range> from = out.get(p);
                    if (from == null) continue;   // not reached, or reached only along an impossible branch
                    Map<Var, Range> edge = narrowed(from, p, b);
                    if (edge == null) continue;
                    if (in == null) {
                        in = edge;
                    } else {
                        Map<Var, Range> joined = new IdentityHashMap<>();
                        for (Map.Entry<Var, Range> e : in.entrySet()) {
                            Range o = edge.get(e.getKey());
                            if (o != null) joined.put(e.getKey(), e.getValue().union(o));
                        }
                        in = joined;
                    }
                }
                if (in == null) continue;
                env = in;
                for (Stmt st : b.stmts) {
                    if (st instanceof Stmt.Assign a && a.target().type == Type.INT) {
                        Range r = range(a.value());
                        in.put(a.target(), r);
                    }
                }
                out.put(b, in);
                if (b.terminator instanceof Block.Return ret && ret.value() != null) {
                    Range r = range(ret.value());
                    result = result == null ? r : result.union(r);
                }
            }
            env = null;
            return result == null ? Range.ANY : result;
        }

        /** The ranges on the edge from p to b: narrowed by p's branch condition, or null where the edge cannot be taken. */
        private Map<Var, Range> narrowed(Map<Var, Range> from, Block p, Block b) {
            Map<Var, Range> m = new IdentityHashMap<>(from);
            if (!(p.terminator instanceof Block.Branch br) || br.ifTrue() == br.ifFalse()) return m;
            List<Fact> facts = new ArrayList<>();
            IndexRules.conjuncts(br.condition(), br.ifTrue() == b, facts);
            env = m;
            for (Fact f : facts) {
                if (f.left() instanceof Expr.Local l && m.containsKey(l.var()) && !narrow(m, l.var(), f.op(), range(f.right()))) return null;
                if (f.right() instanceof Expr.Local r && m.containsKey(r.var()) && !narrow(m, r.var(), f.op().swap(), range(f.left()))) return null;
            }
            return m;
        }

        /** v op bound narrows v's range; false where no value is left. */
        private static boolean narrow(Map<Var, Range> m, Var v, CmpOp op, Range bound) {
            Range r = m.get(v);
            long lo = r.lo, hi = r.hi;
            switch (op) {
                case LT -> hi = Math.min(hi, bound.hi - 1);
                case LE -> hi = Math.min(hi, bound.hi);
                case GT -> lo = Math.max(lo, bound.lo + 1);
                case GE -> lo = Math.max(lo, bound.lo);
                case EQ -> { lo = Math.max(lo, bound.lo); hi = Math.min(hi, bound.hi); }
                case NE -> { }
            }
            if (lo > hi) return false;
            m.put(v, new Range(lo, hi));
            return true;
        }

        private Range variable(Var v) {
            if (env != null) return env.getOrDefault(v, Range.ANY);
            Range known = memo.get(v);
            if (known != null) return known;
            memo.put(v, Range.ANY);   // a cycle the rules do not describe reads as "any int"
            Range r = variableRange(v);
            memo.put(v, r);
            return r;
        }

        private Range variableRange(Var v) {
            Rule rule = rules.get(v);
            Range start = null;
            if (v.kind == Var.Kind.PARAM) {
                start = parameter(v);
                if (start == Range.ANY) return start;
            }
            return switch (rule) {
                case null -> start == null ? Range.ANY : start;
                case Unknown u -> Range.ANY;
                case Defs d -> {
                    Range r = start;
                    for (Expr x : d.values()) r = r == null ? range(x) : r.union(range(x));
                    yield r == null ? Range.ANY : r;
                }
                case Induction ind -> induction(ind, start);
            };
        }

        private Range parameter(Var p) {
            if (params != null) return params.get(p) instanceof Range r ? r : Range.ANY;
            if (p.paramIndex < 0 || p.paramIndex >= launch.args().length) return Range.ANY;
            return switch (launch.args()[p.paramIndex]) {
                case Integer i -> Range.point(i);
                case Short s -> Range.point(s);
                case Byte b -> Range.point(b);
                case Character c -> Range.point(c);
                case Boolean b -> Range.point(b ? 1 : 0);
                case null, default -> Range.ANY;
            };
        }

        private Range induction(Induction ind, Range start) {
            long lo = start == null ? Long.MAX_VALUE : start.lo, hi = start == null ? Long.MIN_VALUE : start.hi;
            for (Expr x : ind.inits()) {
                Range r = range(x);
                lo = Math.min(lo, r.lo);
                hi = Math.max(hi, r.hi);
            }
            if (lo > hi) return Range.ANY;   // no initial value known
            for (Step s : ind.steps()) {
                if (s.towardZero()) {   // between v and 0: the hull of the other values and 0 holds it
                    lo = Math.min(lo, 0);
                    hi = Math.max(hi, 0);
                    continue;
                }
                Range st = range(s.step());
                if (s.minus()) st = new Range(-st.hi, -st.lo);
                if (st.lo >= 0) {
                    if (s.upper() == null) return Range.ANY;
                    long guard = range(s.upper()).hi - (s.upperInclusive() ? 0 : 1);
                    hi = Math.max(hi, guard + st.hi);
                } else if (st.hi <= 0) {
                    if (s.lower() == null) return Range.ANY;
                    long guard = range(s.lower()).lo + (s.lowerInclusive() ? 0 : 1);
                    lo = Math.min(lo, guard + st.lo);
                } else {
                    return Range.ANY;
                }
            }
            return lo > hi ? Range.ANY : Range.wrapped(lo, hi);
        }

        /** Whether a condition is always true, always false, or either (null). */
        Boolean truth(Expr c) {
            return switch (c) {
                case Expr.Const k when k.value() instanceof Boolean b -> b;
                case Expr.Not n -> {
                    Boolean t = truth(n.operand());
                    yield t == null ? null : !t;
                }
                case Expr.Logic l -> {
                    Boolean a = truth(l.left()), b = truth(l.right());
                    if (l.and()) yield Boolean.FALSE.equals(a) || Boolean.FALSE.equals(b) ? Boolean.FALSE : a != null && b != null ? Boolean.TRUE : null;
                    yield Boolean.TRUE.equals(a) || Boolean.TRUE.equals(b) ? Boolean.TRUE : a != null && b != null ? Boolean.FALSE : null;
                }
                case Expr.Compare cmp when cmp.left().type() == Type.INT && cmp.right().type() == Type.INT -> {
                    Range a = range(cmp.left()), b = range(cmp.right());
                    yield switch (cmp.op()) {
                        case LT -> a.hi < b.lo ? Boolean.TRUE : a.lo >= b.hi ? Boolean.FALSE : null;
                        case LE -> a.hi <= b.lo ? Boolean.TRUE : a.lo > b.hi ? Boolean.FALSE : null;
                        case GT -> a.lo > b.hi ? Boolean.TRUE : a.hi <= b.lo ? Boolean.FALSE : null;
                        case GE -> a.lo >= b.hi ? Boolean.TRUE : a.hi < b.lo ? Boolean.FALSE : null;
                        case EQ -> a.isPoint() && b.isPoint() && a.lo == b.lo ? Boolean.TRUE : a.hi < b.lo || b.hi < a.lo ? Boolean.FALSE : null;
                        case NE -> a.isPoint() && b.isPoint() && a.lo == b.lo ? Boolean.FALSE : a.hi < b.lo || b.hi < a.lo ? Boolean.TRUE : null;
                    };
                }
                default -> null;
            };
        }
    }

    /** A short C-like rendering for messages: {@code a0 + p}, {@code i * n + j}. */
    static String describe(Expr e) {
        return switch (e) {
            case Expr.Const c -> String.valueOf(c.value());
            case Expr.Local l -> l.var().name;
            case Expr.Binary b -> describe(b.left()) + " " + b.op().symbol + " " + (b.right() instanceof Expr.Binary ? "(" + describe(b.right()) + ")" : describe(b.right()));
            case Expr.ArrayLoad a -> a.array().name + "[" + describe(a.index()) + "]";
            case Expr.ArrayLength a -> a.array().name + ".length";
            case Expr.WorkItem w -> w.query().name().toLowerCase(java.util.Locale.ROOT) + "(" + w.dim() + ")";
            case Expr.Call c -> c.callee().name + "(...)";
            case Expr.Intrinsic i -> i.fn().spelling() + "(...)";
            default -> "(...)";
        };
    }

    /** For tests: the range of a variable of the kernel at this launch. */
    Range rangeOf(Var v, Launch launch) {
        return new Eval(kernel, launch, null, 0).variable(v);
    }

    /** For tests: the range of an expression of the kernel at this launch. */
    Range rangeOf(Expr e, Launch launch) {
        return new Eval(kernel, launch, null, 0).range(e);
    }

}
