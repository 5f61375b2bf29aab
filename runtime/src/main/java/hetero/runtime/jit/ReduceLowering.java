package hetero.runtime.jit;

import hetero.runtime.jit.ir.Block;
import hetero.runtime.jit.ir.Expr;
import hetero.runtime.jit.ir.Function;
import hetero.runtime.jit.ir.Intrinsic;
import hetero.runtime.jit.ir.Stmt;
import hetero.runtime.jit.ir.Type;
import hetero.runtime.jit.ir.Var;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Lowers TornadoVM's {@code @Reduce} parameters. In Java the kernel updates {@code result[0]}
 * inside its {@code @Parallel} loop ({@code result[0] += x}, {@code *=}, {@code Math.max},
 * {@code Math.min}); on a device that would race. The pass gives each work-item a private
 * accumulator for the loop's updates, then reduces the accumulators of the work-group in local
 * memory as a tree (one barrier per level) and lets work-item 0 combine the total into
 * {@code result[0]}. The kernel is launched as one work-group of {@link #GROUP} items (the
 * grid-strided loop covers any range), so there is no cross-group step and every backend computes
 * the same tree. The jvm backend runs the Java loop as written, sequentially: no race there either.
 */
public final class ReduceLowering {
    /** Work-items of the single work-group a reduction kernel runs as. */
    public static final int GROUP = 256;

    private ReduceLowering() {
    }

    private record Op(Expr.BinOp binary, Intrinsic intrinsic) {
        Expr combine(Type t, Expr a, Expr b) {
            return binary != null ? new Expr.Binary(binary, t, a, b) : new Expr.Intrinsic(intrinsic, t, List.of(a, b));
        }

        Expr identity(Type t) {
            if (binary == Expr.BinOp.ADD) return zero(t);
            if (binary == Expr.BinOp.MUL) return one(t);
            boolean max = intrinsic.isMax();
            return switch (t) {
                case FLOAT -> new Expr.Const(t, max ? Float.NEGATIVE_INFINITY : Float.POSITIVE_INFINITY);
                case DOUBLE -> new Expr.Const(t, max ? Double.NEGATIVE_INFINITY : Double.POSITIVE_INFINITY);
                case LONG -> new Expr.Const(t, max ? Long.MIN_VALUE : Long.MAX_VALUE);
                default -> Expr.Const.ofInt(max ? Integer.MIN_VALUE : Integer.MAX_VALUE);
            };
        }

        private static Expr zero(Type t) {
            return switch (t) {
                case FLOAT -> new Expr.Const(t, 0f);
                case DOUBLE -> new Expr.Const(t, 0.0);
                case LONG -> new Expr.Const(t, 0L);
                default -> Expr.Const.ofInt(0);
            };
        }

        private static Expr one(Type t) {
            return switch (t) {
                case FLOAT -> new Expr.Const(t, 1f);
                case DOUBLE -> new Expr.Const(t, 1.0);
                case LONG -> new Expr.Const(t, 1L);
                default -> Expr.Const.ofInt(1);
            };
        }
    }

    /** Rewrites f in place; reduceParams are the indices of the parameters marked @Reduce. */
    static void rewrite(Function f, Set<Integer> reduceParams, String owner) {
        if (reduceParams.isEmpty()) return;
        if (f.parallelLoops.size() != 1) {
            throw new UnsupportedKernelException(owner, f.name, 0, 0, "@Reduce kernels need exactly one @Parallel loop (found "
                    + f.parallelLoops.size() + ")");
        }
        Var loopVar = f.parallelLoops.getFirst().variable();
        Set<Block> body = loopBody(f, loopVar);
        Map<Var, Op> ops = new LinkedHashMap<>();
        Map<Var, Var> accumulators = new LinkedHashMap<>();
        // r[0] read into a temporary first (when the update's other operand branches, e.g. a ternary):
        // the temporary then reads the accumulator instead.
        Map<Var, Var> copies = new LinkedHashMap<>();
        Map<Var, Integer> definitions = new java.util.HashMap<>();
        for (Block b : f.blocks) for (Stmt st : b.stmts) if (st instanceof Stmt.Assign a) definitions.merge(a.target(), 1, Integer::sum);
        // Operand-stack values the frontend kept in variables (defined once): constant 0 indices, copies of r[0].
        Set<Var> zeros = new java.util.HashSet<>();
        for (Block b : f.blocks) {
            for (Stmt st : b.stmts) {
                if (st instanceof Stmt.Assign a && a.target().kind != Var.Kind.PARAM && definitions.get(a.target()) == 1 && isZero(a.value(), Set.of())) zeros.add(a.target());
            }
        }
        for (Block b : body) {
            for (int i = 0; i < b.stmts.size(); i++) {
                if (b.stmts.get(i) instanceof Stmt.Assign a && a.target().kind != Var.Kind.PARAM && definitions.get(a.target()) == 1
                        && a.value() instanceof Expr.ArrayLoad l
                        && l.array().kind == Var.Kind.PARAM && reduceParams.contains(l.array().paramIndex) && isZero(l.index(), zeros)) {
                    Var r = l.array();
                    copies.put(a.target(), r);
                    b.stmts.set(i, new Stmt.Assign(a.target(), new Expr.Local(accumulator(f, accumulators, r)), a.line()));
                }
            }
        }
        for (Block b : f.blocks) {
            for (int i = 0; i < b.stmts.size(); i++) {
                if (!(b.stmts.get(i) instanceof Stmt.Store st) || st.array().kind != Var.Kind.PARAM
                        || !reduceParams.contains(st.array().paramIndex)) continue;
                Var r = st.array();
                if (!body.contains(b)) continue; // an initialisation before the loop stays as written
                Op op = update(st, copies, zeros);
                Expr x = op == null ? null : other(st, copies, zeros);
                if (op == null || x == null) {
                    throw new UnsupportedKernelException(owner, f.name, b.bci, st.line(), "@Reduce array '" + r.name
                            + "' must be updated in the @Parallel loop as " + r.name + "[0] = " + r.name + "[0] op value (op: +, *, Math.max, Math.min)");
                }
                Op previous = ops.putIfAbsent(r, op);
                if (previous != null && !previous.equals(op)) {
                    throw new UnsupportedKernelException(owner, f.name, b.bci, st.line(), "@Reduce array '" + r.name + "' is updated with two different operations");
                }
                Type t = r.type.elementType();
                Var acc = accumulator(f, accumulators, r);
                b.stmts.set(i, new Stmt.Assign(acc, op.combine(t, new Expr.Local(acc), x), st.line()));
            }
        }
        for (int p : reduceParams) {
            Var r = f.params.get(p);
            if (!ops.containsKey(r)) {
                throw new UnsupportedKernelException(owner, f.name, 0, 0, "@Reduce array '" + r.name + "' is never updated in the @Parallel loop");
            }
        }
        List<Block> returns = f.blocks.stream().filter(b -> b.terminator instanceof Block.Return).toList();
        if (returns.size() != 1) {
            throw new UnsupportedKernelException(owner, f.name, 0, 0, "@Reduce kernels must have a single return (every work-item reaches the final tree)");
        }
        int nextId = f.blocks.stream().mapToInt(b -> b.id).max().orElse(0) + 1;
        Block cur = returns.getFirst();
        int line = ((Block.Return) cur.terminator).line();
        Expr lid = new Expr.WorkItem(Expr.Query.LOCAL_ID, 0);
        Map<Var, Var> scratch = new LinkedHashMap<>();
        for (Map.Entry<Var, Var> e : accumulators.entrySet()) {
            Var r = e.getKey();
            Var s = new Var(Var.Kind.LOCAL_ARRAY, r.type, r.name + "_tree", -1);
            s.localArraySize = Expr.Const.ofInt(GROUP);
            f.locals.add(s);
            scratch.put(r, s);
            // Entry: the accumulator starts at the operation's identity.
            f.entry().stmts.addFirst(new Stmt.Assign(e.getValue(), ops.get(r).identity(r.type.elementType()), line));
            cur.stmts.add(new Stmt.Store(s, lid, new Expr.Local(e.getValue()), line));
        }
        cur.stmts.add(new Stmt.Barrier(true, line));
        for (int stride = GROUP / 2; stride >= 1; stride /= 2) {
            Block step = new Block(nextId++, cur.bci), join = new Block(nextId++, cur.bci);
            cur.terminator = new Block.Branch(new Expr.Compare(Expr.CmpOp.LT, lid, Expr.Const.ofInt(stride)), step, join, line);
            Expr partner = new Expr.Binary(Expr.BinOp.ADD, Type.INT, lid, Expr.Const.ofInt(stride));
            for (Map.Entry<Var, Var> e : scratch.entrySet()) {
                Var s = e.getValue();
                Type t = e.getKey().type.elementType();
                step.stmts.add(new Stmt.Store(s, lid, ops.get(e.getKey()).combine(t, new Expr.ArrayLoad(s, lid), new Expr.ArrayLoad(s, partner)), line));
            }
            step.terminator = new Block.Goto(join);
            join.stmts.add(new Stmt.Barrier(false, line));
            f.blocks.add(step);
            f.blocks.add(join);
            cur = join;
        }
        Block combine = new Block(nextId++, cur.bci), done = new Block(nextId, cur.bci);
        cur.terminator = new Block.Branch(new Expr.Compare(Expr.CmpOp.EQ, lid, Expr.Const.ofInt(0)), combine, done, line);
        Expr zero = Expr.Const.ofInt(0);
        for (Map.Entry<Var, Var> e : scratch.entrySet()) {
            Var r = e.getKey();
            combine.stmts.add(new Stmt.Store(r, zero, ops.get(r).combine(r.type.elementType(), new Expr.ArrayLoad(r, zero), new Expr.ArrayLoad(e.getValue(), zero)), line));
        }
        combine.terminator = new Block.Goto(done);
        done.terminator = new Block.Return(null, line);
        f.blocks.add(combine);
        f.blocks.add(done);
        f.reduceWorkGroup = GROUP;
    }

    private static Var accumulator(Function f, Map<Var, Var> accumulators, Var r) {
        return accumulators.computeIfAbsent(r, k -> {
            Var v = new Var(Var.Kind.LOCAL, r.type.elementType(), r.name + "_partial", -1);
            f.locals.add(v);
            return v;
        });
    }

    /** The blocks of the loop controlled by the parallel variable. */
    private static Set<Block> loopBody(Function f, Var v) {
        Cfg cfg = new Cfg(f);
        for (Cfg.Loop l : cfg.loops) {
            if (l.header.terminator instanceof Block.Branch br && ExprWalk.any(br.condition(), e -> e instanceof Expr.Local x && x.var() == v)) {
                return l.body;
            }
        }
        return Set.of();
    }

    /** The operation of {@code r[0] = r[0] op x} (either operand order), or null. */
    private static Op update(Stmt.Store st, Map<Var, Var> copies, Set<Var> zeros) {
        if (!isZero(st.index(), zeros)) return null;
        return switch (st.value()) {
            case Expr.Binary b when (b.op() == Expr.BinOp.ADD || b.op() == Expr.BinOp.MUL)
                    && (isSelf(b.left(), st.array(), copies, zeros) || isSelf(b.right(), st.array(), copies, zeros)) -> new Op(b.op(), null);
            case Expr.Intrinsic i when i.fn().isMax() || i.fn().isMin()
                    && (isSelf(i.args().get(0), st.array(), copies, zeros) || isSelf(i.args().get(1), st.array(), copies, zeros)) -> new Op(null, i.fn());
            default -> null;
        };
    }

    /** The operand that is not r[0], provided it does not read r itself. */
    private static Expr other(Stmt.Store st, Map<Var, Var> copies, Set<Var> zeros) {
        List<Expr> operands = switch (st.value()) {
            case Expr.Binary b -> List.of(b.left(), b.right());
            case Expr.Intrinsic i -> i.args();
            default -> List.of();
        };
        Expr x = isSelf(operands.get(0), st.array(), copies, zeros) ? operands.get(1) : operands.get(0);
        boolean readsSelf = ExprWalk.any(x, e -> e instanceof Expr.ArrayLoad a && a.array() == st.array());
        return readsSelf ? null : x;
    }

    /** r[0], or a temporary holding it. */
    private static boolean isSelf(Expr e, Var r, Map<Var, Var> copies, Set<Var> zeros) {
        if (e instanceof Expr.Local l && copies.get(l.var()) == r) return true;
        return e instanceof Expr.ArrayLoad a && a.array() == r && isZero(a.index(), zeros);
    }

    /** The int constant 0, or a variable defined once as 0. */
    private static boolean isZero(Expr e, Set<Var> zeros) {
        if (e instanceof Expr.Local l && zeros.contains(l.var())) return true;
        return e instanceof Expr.Const c && c.type() == Type.INT && ((Number) c.value()).intValue() == 0;
    }

    /** Parameter indices annotated @Reduce (TornadoVM's annotation). */
    static Set<Integer> reduceParameters(java.lang.classfile.MethodModel mm) {
        Set<Integer> out = new java.util.LinkedHashSet<>();
        mm.findAttribute(java.lang.classfile.Attributes.runtimeVisibleParameterAnnotations()).ifPresent(a -> {
            List<List<java.lang.classfile.Annotation>> ps = a.parameterAnnotations();
            for (int i = 0; i < ps.size(); i++) {
                for (var an : ps.get(i)) if (an.className().stringValue().equals(Frontend.TORNADO_REDUCE)) out.add(i);
            }
        });
        return out;
    }

    /** For tests and dumps: the accumulators introduced. */
    static List<String> describe(Function f) {
        List<String> out = new ArrayList<>();
        for (Var v : f.locals) if (v.name.endsWith("_partial") || v.name.endsWith("_tree")) out.add(v.name);
        return out;
    }
}
