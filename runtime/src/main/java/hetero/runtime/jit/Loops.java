package hetero.runtime.jit;

import hetero.runtime.jit.ir.Block;
import hetero.runtime.jit.ir.Expr;
import hetero.runtime.jit.ir.Expr.BinOp;
import hetero.runtime.jit.ir.Function;
import hetero.runtime.jit.ir.Stmt;
import hetero.runtime.jit.ir.Type;
import hetero.runtime.jit.ir.Var;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.BiConsumer;
import java.util.function.UnaryOperator;

/**
 * What the loop passes share: a private copy of a function that they edit in place, preheaders,
 * the variables a loop assigns, invariance, simple induction variables and fresh temporaries.
 * The IR is not SSA: a variable the loop never assigns holds the value it had on entry throughout
 * the loop, which is what "invariant" means here.
 */
final class Loops {
    private Loops() {
    }

    /** A copy of f with its own blocks and statement lists, which a loop pass may then edit in place. */
    static Function editableCopy(Function f) {
        return IrCopy.copy(f, UnaryOperator.identity(), IrCopy.none());
    }

    /**
     * A copy of f whose loops have preheaders, with {@code pass} run on it in place: the IR-level
     * entry of the passes that need preheaders (the pipeline runs them together in {@link Jit}).
     */
    static Function withPreheaders(Function f, BiConsumer<Function, Cfg> pass) {
        Function out = editableCopy(f);
        Cfg cfg = new Cfg(out);
        if (addPreheaders(out, cfg)) cfg = new Cfg(out);
        pass.accept(out, cfg);
        return out;
    }

    /**
     * Gives every loop a preheader: one block outside the loop whose only successor is the header,
     * and which is the header's only predecessor from outside. Returns whether blocks were added (the
     * caller then needs a new {@link Cfg}).
     */
    static boolean addPreheaders(Function f, Cfg cfg) {
        boolean added = false;
        int nextId = nextBlockId(f);
        for (Cfg.Loop l : cfg.loops) {
            List<Block> outside = new ArrayList<>();
            for (Block p : cfg.preds.get(l.header)) if (!l.body.contains(p)) outside.add(p);
            if (outside.size() == 1 && outside.getFirst().successors().equals(List.of(l.header))) continue;
            Block pre = new Block(nextId++, l.header.bci);
            pre.terminator = new Block.Goto(l.header);
            for (Block p : outside) p.terminator = retarget(p.terminator, l.header, pre);
            f.blocks.add(f.blocks.indexOf(l.header), pre);
            added = true;
        }
        return added;
    }

    /** The preheader of a loop of a function that went through {@link #addPreheaders}. */
    static Block preheader(Cfg cfg, Cfg.Loop l) {
        for (Block p : cfg.preds.get(l.header)) if (!l.body.contains(p)) return p;
        throw new IllegalStateException("loop at B" + l.header.id + " has no preheader");
    }

    static int nextBlockId(Function f) {
        int max = -1;
        for (Block b : f.blocks) max = Math.max(max, b.id);
        return max + 1;
    }

    /** t with every edge to from sent to to instead. */
    static Block.Terminator retarget(Block.Terminator t, Block from, Block to) {
        return switch (t) {
            case Block.Goto g -> g.target() == from ? new Block.Goto(to) : g;
            case Block.Branch br -> new Block.Branch(br.condition(), br.ifTrue() == from ? to : br.ifTrue(),
                    br.ifFalse() == from ? to : br.ifFalse(), br.line());
            case Block.Return r -> r;
        };
    }

    /**
     * Whether the loop holds a work-group barrier, directly or in a device function it calls as a
     * statement or for an assigned value (how barrier helpers are called). CPU OpenCL drivers such
     * as PoCL keep every value that lives across a barrier in a per-work-item array, so a variable
     * that the passes would carry across such a loop's iterations costs memory traffic instead of
     * saving arithmetic (measured: strength reduction made Attention::flashTiled ~25% slower on PoCL).
     */
    static boolean hasBarrier(Cfg.Loop l) {
        for (Block b : l.body) {
            for (Stmt s : b.stmts) {
                Expr call = switch (s) {
                    case Stmt.Barrier br -> null;
                    case Stmt.Eval ev -> ev.call();
                    case Stmt.Assign a -> a.value();
                    default -> null;
                };
                if (s instanceof Stmt.Barrier || call instanceof Expr.Call c && Analysis.usesBarriers(c.callee())) return true;
            }
        }
        return false;
    }

    /** The variables assigned anywhere in the loop (nested loops included). */
    static Set<Var> assigned(Cfg.Loop l) {
        Set<Var> out = new HashSet<>();
        for (Block b : l.body) for (Stmt s : b.stmts) if (s instanceof Stmt.Assign a) out.add(a.target());
        return out;
    }

    /**
     * Whether e has the same value everywhere in the loop and can be evaluated before it: it reads no
     * variable the loop assigns, loads nothing (a load may trap, and the loop may write the array) and
     * calls no function. The legalized IR has no trapping arithmetic (division never sees 0 or -1).
     */
    static boolean invariant(Expr e, Set<Var> assigned) {
        return invariant(e, assigned, null);
    }

    /** {@link #invariant(Expr, Set)} remembering each node's answer in memo (by identity), so a pass asks once per node. */
    static boolean invariant(Expr e, Set<Var> assigned, Map<Expr, Boolean> memo) {
        Boolean known = memo == null ? null : memo.get(e);
        if (known != null) return known;
        boolean v = switch (e) {
            case Expr.Const c -> true;
            case Expr.WorkItem w -> true;
            case Expr.Local l -> !assigned.contains(l.var());
            case Expr.ArrayLength a -> !assigned.contains(a.array());
            case Expr.ArrayLoad a -> false;
            case Expr.Call c -> false;
            default -> {
                boolean all = true;
                for (Expr c : ExprWalk.children(e)) all &= invariant(c, assigned, memo);
                yield all;
            }
        };
        if (memo != null) memo.put(e, v);
        return v;
    }

    /**
     * A basic induction variable: {@code v = v + step} (or {@code v - step}) is the loop's only
     * assignment of v, step invariant; the statement is {@code block.stmts.get(index)}.
     */
    record Induction(Var var, Block block, int index, Expr step) {}

    /** The loop's basic induction variables of type int or long. */
    static List<Induction> inductions(Cfg.Loop l, Set<Var> assigned) {
        Map<Var, Integer> count = new HashMap<>();
        Map<Var, Induction> candidate = new HashMap<>();
        for (Block b : l.body) {
            for (int k = 0; k < b.stmts.size(); k++) {
                if (!(b.stmts.get(k) instanceof Stmt.Assign a)) continue;
                count.merge(a.target(), 1, Integer::sum);
                Var v = a.target();
                if (!v.type.isIntegral() || !(a.value() instanceof Expr.Binary bin) || bin.type() != v.type) continue;
                Expr step = null;
                if (bin.op() == BinOp.ADD && isVar(bin.left(), v)) step = bin.right();
                else if (bin.op() == BinOp.ADD && isVar(bin.right(), v)) step = bin.left();
                else if (bin.op() == BinOp.SUB && isVar(bin.left(), v)) step = new Expr.Neg(v.type, bin.right());
                if (step != null && invariant(step, assigned)) candidate.put(v, new Induction(v, b, k, Specializer.foldNode(step)));
            }
        }
        List<Induction> out = new ArrayList<>();
        for (Induction i : candidate.values()) if (count.get(i.var()) == 1) out.add(i);
        out.sort((x, y) -> x.var().name.compareTo(y.var().name));
        return out;
    }

    static boolean isVar(Expr e, Var v) {
        return e instanceof Expr.Local l && l.var() == v;
    }

    /**
     * Inserts s into a loop's preheader before the trailing run of assignments to variables the loop
     * assigns (such as the loop counter's initialisation), so that a for loop still reads as one; s
     * must not read those variables.
     */
    static void insertBeforeLoopInits(Block pre, Set<Var> assigned, Stmt s) {
        pre.stmts.add(loopInitsStart(pre, assigned), s);
    }

    /** Index of the first of the trailing assignments to variables in assigned. */
    static int loopInitsStart(Block pre, Set<Var> assigned) {
        int at = pre.stmts.size();
        while (at > 0 && pre.stmts.get(at - 1) instanceof Stmt.Assign a && assigned.contains(a.target())) at--;
        return at;
    }

    /** An expression rewrite that is told the Java line of the statement it rewrites. */
    interface Rewrite {
        Expr apply(Expr e, int line);
    }

    /** Applies r to every expression of the loop's statements and terminators, replacing the ones that change. */
    static void rewriteBody(Cfg.Loop l, Rewrite r) {
        for (Block b : l.body) {
            for (int k = 0; k < b.stmts.size(); k++) b.stmts.set(k, rewrite(b.stmts.get(k), r));
            b.terminator = switch (b.terminator) {
                case Block.Branch br -> {
                    Expr c = r.apply(br.condition(), br.line());
                    yield c == br.condition() ? br : new Block.Branch(c, br.ifTrue(), br.ifFalse(), br.line());
                }
                case Block.Return ret when ret.value() != null -> {
                    Expr v = r.apply(ret.value(), ret.line());
                    yield v == ret.value() ? ret : new Block.Return(v, ret.line());
                }
                default -> b.terminator;
            };
        }
    }

    /** s with r applied to its expressions (s itself when none changes). */
    static Stmt rewrite(Stmt s, Rewrite r) {
        int line = s.line();
        return switch (s) {
            case Stmt.Assign a -> {
                Expr v = r.apply(a.value(), line);
                yield v == a.value() ? a : new Stmt.Assign(a.target(), v, line);
            }
            case Stmt.Store st -> {
                Expr i = r.apply(st.index(), line), v = r.apply(st.value(), line);
                yield i == st.index() && v == st.value() ? st : new Stmt.Store(st.array(), i, v, line);
            }
            case Stmt.AtomicAdd at -> {
                Expr i = r.apply(at.index(), line), v = r.apply(at.value(), line);
                yield i == at.index() && v == at.value() ? at : new Stmt.AtomicAdd(at.array(), i, v, line);
            }
            case Stmt.NewPrivateArray na -> na;   // no operands
            case Stmt.VectorStore vs -> {
                Expr i = r.apply(vs.index(), line), v = r.apply(vs.value(), line);
                yield i == vs.index() && v == vs.value() ? vs : new Stmt.VectorStore(vs.array(), i, v, line);
            }
            case Stmt.LoadLanes ll -> {
                Expr src = r.apply(ll.source(), line);
                yield src == ll.source() ? ll : new Stmt.LoadLanes(ll.targets(), (Expr.VectorLoad) src, line);
            }
            case Stmt.Eval ev -> {
                Expr c = r.apply(ev.call(), line);
                yield c == ev.call() ? ev : new Stmt.Eval(c, line);
            }
            case Stmt.Barrier br -> br;
        };
    }

    /** e with every read of v replaced by value, folded and simplified. */
    static Expr substitute(Expr e, Var v, Expr value) {
        return ExprWalk.map(e, x -> isVar(x, v) ? value : simplify(x));
    }

    /**
     * One node with constants folded and the identities that hold under wrapping int/long arithmetic
     * applied: x + 0, 0 + x, x - 0, x * 1, 1 * x give x, and x * 0, 0 * x give 0 unless x calls a
     * device function (which may write memory). A load that disappears so cannot trap any more.
     */
    static Expr simplify(Expr x) {
        Expr e = Specializer.foldNode(x);
        if (!(e instanceof Expr.Binary b) || !b.type().isIntegral()) return e;
        return switch (b.op()) {
            case ADD -> isConst(b.right(), 0) ? b.left() : isConst(b.left(), 0) ? b.right() : b;
            case SUB -> isConst(b.right(), 0) ? b.left() : b;
            case MUL -> isConst(b.right(), 1) ? b.left() : isConst(b.left(), 1) ? b.right()
                    : isConst(b.left(), 0) && !hasCall(b.right()) ? b.left() : isConst(b.right(), 0) && !hasCall(b.left()) ? b.right() : b;
            default -> b;
        };
    }

    private static boolean hasCall(Expr e) {
        return ExprWalk.any(e, x -> x instanceof Expr.Call);
    }

    /** An int or long constant equal to v. */
    static boolean isConst(Expr e, long v) {
        return e instanceof Expr.Const c && (c.value() instanceof Integer || c.value() instanceof Long) && c.number().longValue() == v;
    }

    /** The index of the loop's only assignment of an induction variable in its block (statements may have moved). */
    static int indexOf(Induction iv) {
        List<Stmt> stmts = iv.block().stmts;
        for (int k = 0; k < stmts.size(); k++) if (stmts.get(k) instanceof Stmt.Assign a && a.target() == iv.var()) return k;
        throw new IllegalStateException(iv.var() + " is no longer assigned in B" + iv.block().id);
    }

    /** New temporaries of one function, named prefix0, prefix1, ... without clashing with its variables. */
    static final class Temps {
        private final Function f;
        private final String prefix;
        private final Set<String> taken = new HashSet<>();
        private int next;

        Temps(Function f, String prefix) {
            this.f = f;
            this.prefix = prefix;
            for (Var v : f.params) taken.add(v.name);
            for (Var v : f.locals) taken.add(v.name);
        }

        Var fresh(Type t) {
            String name;
            do name = prefix + next++; while (!taken.add(name));
            Var v = new Var(Var.Kind.TEMP, t, name, -1);
            f.locals.add(v);
            return v;
        }
    }
}
