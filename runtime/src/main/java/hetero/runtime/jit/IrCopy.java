package hetero.runtime.jit;

import hetero.runtime.jit.ir.Block;
import hetero.runtime.jit.ir.Expr;
import hetero.runtime.jit.ir.Function;
import hetero.runtime.jit.ir.Stmt;
import hetero.runtime.jit.ir.Var;

import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.UnaryOperator;

/**
 * Copy-on-write for passes: a new function whose every expression went through a rewrite, with
 * branches on constant conditions turned into jumps and unreachable blocks dropped. The input is
 * never touched (the frontend's cache holds it and other specializations share it); variables
 * whose fields a pass changes (local and private arrays' sizes) are copied through {@code vars}.
 */
final class IrCopy {
    private IrCopy() {
    }

    /**
     * @param rewrite applied to every expression tree (statements, terminators, parallel-loop bounds)
     * @param vars    variables replaced by copies in the new function (e.g. a local array with a folded size)
     */
    static Function copy(Function f, UnaryOperator<Expr> rewrite, Map<Var, Var> vars) {
        UnaryOperator<Expr> r = vars.isEmpty() ? rewrite : e -> rewrite.apply(substitute(e, vars));
        Function out = new Function(f.owner, f.name, f.descriptor, f.sourceFile, f.returnType);
        out.params.addAll(f.params);
        for (Var v : f.locals) out.locals.add(vars.getOrDefault(v, v));
        Map<Block, Block> copy = new IdentityHashMap<>();
        for (Block b : f.blocks) copy.put(b, new Block(b.id, b.bci));
        boolean folded = false;
        for (Block b : f.blocks) {
            Block nb = copy.get(b);
            for (Stmt s : b.stmts) nb.stmts.add(statement(s, r, vars));
            nb.terminator = switch (b.terminator) {
                case Block.Goto g -> new Block.Goto(copy.get(g.target()));
                case Block.Return ret -> new Block.Return(ret.value() == null ? null : r.apply(ret.value()), ret.line());
                case Block.Branch br -> {
                    Expr c = r.apply(br.condition());
                    if (c instanceof Expr.Const k && k.value() instanceof Boolean taken) {
                        folded = true;
                        yield new Block.Goto(copy.get(taken ? br.ifTrue() : br.ifFalse()));
                    }
                    yield new Block.Branch(c, copy.get(br.ifTrue()), copy.get(br.ifFalse()), br.line());
                }
            };
            out.blocks.add(nb);
        }
        if (folded) {   // a folded branch may leave blocks that nothing reaches
            Set<Block> live = Collections.newSetFromMap(new IdentityHashMap<>());
            live.addAll(Cfg.reversePostOrder(out.entry()));
            out.blocks.removeIf(b -> !live.contains(b));
        }
        out.reduceWorkGroup = f.reduceWorkGroup;
        for (Function.ParallelLoop pl : f.parallelLoops) {
            out.parallelLoops.add(new Function.ParallelLoop(pl.variable(), pl.dimension(), r.apply(pl.start()),
                    r.apply(pl.end()), pl.inclusiveEnd(), pl.step()));
        }
        return out;
    }

    /** s with its expressions rewritten; s itself when nothing in it changed (statements are immutable). */
    private static Stmt statement(Stmt s, UnaryOperator<Expr> r, Map<Var, Var> vars) {
        return switch (s) {
            case Stmt.Assign a -> {
                Var t = vars.getOrDefault(a.target(), a.target());
                Expr v = r.apply(a.value());
                yield t == a.target() && v == a.value() ? a : new Stmt.Assign(t, v, a.line());
            }
            case Stmt.Store st -> {
                Var arr = vars.getOrDefault(st.array(), st.array());
                Expr i = r.apply(st.index()), v = r.apply(st.value());
                yield arr == st.array() && i == st.index() && v == st.value() ? st : new Stmt.Store(arr, i, v, st.line());
            }
            case Stmt.VectorStore vs -> {
                Var arr = vars.getOrDefault(vs.array(), vs.array());
                Expr i = r.apply(vs.index()), v = r.apply(vs.value());
                yield arr == vs.array() && i == vs.index() && v == vs.value() ? vs : new Stmt.VectorStore(arr, i, v, vs.line());
            }
            case Stmt.LoadLanes ll -> {
                List<Var> targets = ll.targets().stream().map(t -> vars.getOrDefault(t, t)).toList();
                Expr src = r.apply(ll.source());
                yield targets.equals(ll.targets()) && src == ll.source() ? ll : new Stmt.LoadLanes(targets, (Expr.VectorLoad) src, ll.line());
            }
            case Stmt.AtomicAdd at -> {
                Var arr = vars.getOrDefault(at.array(), at.array());
                Expr i = r.apply(at.index()), v = r.apply(at.value());
                yield arr == at.array() && i == at.index() && v == at.value() ? at : new Stmt.AtomicAdd(arr, i, v, at.line());
            }
            case Stmt.Eval ev -> {
                Expr c = r.apply(ev.call());
                yield c == ev.call() ? ev : new Stmt.Eval(c, ev.line());
            }
            case Stmt.NewPrivateArray na -> {
                Var arr = vars.getOrDefault(na.array(), na.array());
                yield arr == na.array() ? na : new Stmt.NewPrivateArray(arr, na.bci(), na.line());
            }
            case Stmt.Barrier br -> br;
        };
    }

    /** A copy of v (same kind, type, name and parameter index) whose fields a pass may then set. */
    static Var copyOf(Var v) {
        Var c = new Var(v.kind, v.type, v.name, v.paramIndex);
        c.localArraySize = v.localArraySize;
        return c;
    }

    /** Expressions over the copies in vars instead of the originals. */
    static Expr substitute(Expr e, Map<Var, Var> vars) {
        return ExprWalk.map(e, x -> switch (x) {
            case Expr.Local l when vars.containsKey(l.var()) -> new Expr.Local(vars.get(l.var()));
            case Expr.ArrayLoad a when vars.containsKey(a.array()) -> new Expr.ArrayLoad(vars.get(a.array()), a.index());
            case Expr.VectorLoad v when vars.containsKey(v.array()) -> new Expr.VectorLoad(v.type(), vars.get(v.array()), v.index());
            case Expr.ArrayLength a when vars.containsKey(a.array()) -> new Expr.ArrayLength(vars.get(a.array()));
            default -> x;
        });
    }

    static Map<Var, Var> none() {
        return new IdentityHashMap<>();
    }
}
