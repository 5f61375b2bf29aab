package hetero.runtime.jit;

import hetero.runtime.jit.ir.Block;
import hetero.runtime.jit.ir.Expr;
import hetero.runtime.jit.ir.Function;
import hetero.runtime.jit.ir.Stmt;
import hetero.runtime.jit.ir.Var;

import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
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
        Map<Block, Block> copy = new HashMap<>();
        for (Block b : f.blocks) copy.put(b, new Block(b.id, b.bci));
        for (Block b : f.blocks) {
            Block nb = copy.get(b);
            for (Stmt s : b.stmts) {
                nb.stmts.add(switch (s) {
                    case Stmt.Assign a -> new Stmt.Assign(vars.getOrDefault(a.target(), a.target()), r.apply(a.value()), a.line());
                    case Stmt.Store st -> new Stmt.Store(vars.getOrDefault(st.array(), st.array()), r.apply(st.index()), r.apply(st.value()), st.line());
                    case Stmt.AtomicAdd at -> new Stmt.AtomicAdd(vars.getOrDefault(at.array(), at.array()), r.apply(at.index()), r.apply(at.value()), at.line());
                    case Stmt.Eval ev -> new Stmt.Eval(r.apply(ev.call()), ev.line());
                    case Stmt.NewPrivateArray na -> new Stmt.NewPrivateArray(vars.getOrDefault(na.array(), na.array()), na.bci(), na.line());
                    case Stmt.Barrier br -> br;
                });
            }
            nb.terminator = switch (b.terminator) {
                case Block.Goto g -> new Block.Goto(copy.get(g.target()));
                case Block.Return ret -> new Block.Return(ret.value() == null ? null : r.apply(ret.value()), ret.line());
                case Block.Branch br -> {
                    Expr c = r.apply(br.condition());
                    if (c instanceof Expr.Const k && k.value() instanceof Boolean taken) {
                        yield new Block.Goto(copy.get(taken ? br.ifTrue() : br.ifFalse()));
                    }
                    yield new Block.Branch(c, copy.get(br.ifTrue()), copy.get(br.ifFalse()), br.line());
                }
            };
            out.blocks.add(nb);
        }
        List<Block> live = Cfg.reversePostOrder(out.entry());
        out.blocks.retainAll(live);
        out.reduceWorkGroup = f.reduceWorkGroup;
        for (Function.ParallelLoop pl : f.parallelLoops) {
            out.parallelLoops.add(new Function.ParallelLoop(pl.variable(), pl.dimension(), r.apply(pl.start()),
                    r.apply(pl.end()), pl.inclusiveEnd(), pl.step()));
        }
        return out;
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
            case Expr.ArrayLength a when vars.containsKey(a.array()) -> new Expr.ArrayLength(vars.get(a.array()));
            default -> x;
        });
    }

    static Map<Var, Var> none() {
        return new IdentityHashMap<>();
    }
}
