package hetero.runtime.jit;

import hetero.runtime.jit.ir.Block;
import hetero.runtime.jit.ir.Expr;
import hetero.runtime.jit.ir.Expr.BinOp;
import hetero.runtime.jit.ir.Function;
import hetero.runtime.jit.ir.Stmt;
import hetero.runtime.jit.ir.Var;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Guarantees: an innermost loop whose trip count is a constant of at most {@link #MAX_TRIPS} after
 * specialization is replaced by that many copies of its body, each with the counter folded to its
 * constant value, and the counter ends with the value it had after the loop. A loop qualifies when
 * its only exit is the header's test, that test depends on the counter and constants alone, the
 * counter starts at a constant, and its one update {@code k += c} (c constant) ends the single latch;
 * the trip count is found by running the test with Java's wrapping int arithmetic, so it is exact.
 * The code may grow to {@link #MAX_STATEMENTS} statements per loop. Loops that became innermost
 * because their inner loop was unrolled are tried again.
 */
final class UnrollConstantLoops {
    static final int MAX_TRIPS = 16;
    static final int MAX_STATEMENTS = 256;
    private static final int MAX_ROUNDS = 4;

    private UnrollConstantLoops() {
    }

    /** A copy of f with its small constant-trip loops unrolled (IR-level tests; the pipeline uses {@link #run}). */
    static Function apply(Function f) {
        Function out = Loops.editableCopy(f);
        run(out, new Cfg(out));
        return out;
    }

    /** In place, on a private copy whose CFG is cfg; returns whether the CFG changed (cfg is then stale). */
    static boolean run(Function f, Cfg cfg) {
        boolean changed = false;
        for (int round = 0; round < MAX_ROUNDS; round++) {
            if (round > 0) cfg = new Cfg(f);
            boolean any = false, outerMayQualify = false;
            for (Cfg.Loop l : cfg.loops) {
                if (!innermost(cfg, l)) continue;
                boolean outer = enclosedByCandidate(cfg, l);   // asked before unroll edits the blocks
                if (unroll(f, cfg, l)) {
                    any = true;
                    outerMayQualify |= outer;
                }
            }
            if (!any) break;
            changed = true;
            List<Block> live = Cfg.reversePostOrder(f.entry());
            f.blocks.clear();
            f.blocks.addAll(live);
            if (!outerMayQualify) break;   // no loop that became innermost can qualify: no new CFG to look at
        }
        return changed;
    }

    /**
     * Whether a loop around l tests one integer variable against constants, and so may qualify once l
     * is unrolled (a grid-strided @Parallel loop, tested against a parameter, never does).
     */
    private static boolean enclosedByCandidate(Cfg cfg, Cfg.Loop l) {
        for (Cfg.Loop o : cfg.loops) {
            if (o != l && o.body.contains(l.header) && o.header.terminator instanceof Block.Branch br
                    && onlyVariable(br.condition()) instanceof Var k && k.type.isIntegral()) {
                return true;
            }
        }
        return false;
    }

    /**
     * Whether f could have a qualifying loop, judged from statements and terminators alone so that the
     * pipeline can skip the copy and the CFG for functions that cannot change (most kernels without
     * specialized trip counts): some branch's condition reads one variable and constants, and that
     * integer variable is both assigned a constant and stepped by {@code k = k + x} or {@code k = k - x}.
     */
    static boolean mayApply(Function f) {
        return f.fact(MAY_APPLY, UnrollConstantLoops::findCandidate);
    }

    private static final Object MAY_APPLY = new Object();

    private static boolean findCandidate(Function f) {
        Set<Var> tested = new HashSet<>();   // branch tests first: small, and most kernels' read two variables
        for (Block b : f.blocks) {
            if (b.terminator instanceof Block.Branch br && onlyVariable(br.condition()) instanceof Var k && k.type.isIntegral()) tested.add(k);
        }
        if (tested.isEmpty()) return false;
        Set<Var> startsConstant = new HashSet<>(), stepped = new HashSet<>();
        for (Block b : f.blocks) {
            for (Stmt s : b.stmts) {
                if (!(s instanceof Stmt.Assign a) || !tested.contains(a.target())) continue;
                Var k = a.target();
                if (a.value() instanceof Expr.Binary bin && (bin.op() == BinOp.ADD && (Loops.isVar(bin.left(), k) || Loops.isVar(bin.right(), k))
                        || bin.op() == BinOp.SUB && Loops.isVar(bin.left(), k))) {
                    stepped.add(k);
                } else if (!ExprWalk.any(a.value(), UnrollConstantLoops::notConstant)) {
                    startsConstant.add(k);
                }
            }
        }
        for (Var k : tested) if (stepped.contains(k) && startsConstant.contains(k)) return true;
        return false;
    }

    /** The one variable e reads, or null when it reads none, several, or anything else that is not a constant. */
    private static Var onlyVariable(Expr e) {
        Var[] only = {null};
        boolean other = ExprWalk.any(e, x -> {
            if (x instanceof Expr.Local l && !l.var().type.isArray()) {
                if (only[0] == null) only[0] = l.var();
                return only[0] != l.var();
            }
            return notConstant(x);
        });
        return other ? null : only[0];
    }

    /**
     * Whether e is a leaf that folding cannot turn into a constant (a private array's length folds; the
     * array variable below a load or length is no value of its own, its parent decides).
     */
    private static boolean notConstant(Expr e) {
        return e instanceof Expr.Local l && !l.var().type.isArray() || e instanceof Expr.ArrayLoad || e instanceof Expr.VectorLoad
                || e instanceof Expr.ArrayLength al && al.array().fixedLength() == null
                || e instanceof Expr.WorkItem || e instanceof Expr.Call;
    }

    private static boolean innermost(Cfg cfg, Cfg.Loop l) {
        for (Cfg.Loop o : cfg.loops) if (o != l && l.body.contains(o.header)) return false;
        return true;
    }

    private static boolean unroll(Function f, Cfg cfg, Cfg.Loop l) {
        Block header = l.header;
        if (l.latches.size() != 1 || !(header.terminator instanceof Block.Branch test)) return false;
        Block latch = l.latches.getFirst();
        if (!(latch.terminator instanceof Block.Goto g) || g.target() != header || latch == header) return false;
        for (Block b : l.body) {
            if (b == header) continue;
            for (Block s : b.successors()) if (!l.body.contains(s)) return false;
        }
        boolean trueStays = l.body.contains(test.ifTrue());
        if (trueStays == l.body.contains(test.ifFalse())) return false;
        Block stay = trueStays ? test.ifTrue() : test.ifFalse(), exit = trueStays ? test.ifFalse() : test.ifTrue();
        List<Block> outside = cfg.preds.get(header).stream().filter(p -> !l.body.contains(p)).toList();
        if (outside.size() != 1) return false;
        Block pre = outside.getFirst();

        Set<Var> assigned = Loops.assigned(l);
        Loops.Induction iv = null;
        for (Loops.Induction i : Loops.inductions(l, assigned)) {
            if (i.block() == latch && i.index() == latch.stmts.size() - 1 && i.step() instanceof Expr.Const) iv = i;
        }
        if (iv == null) return false;
        Var k = iv.var();
        Expr.Const start = startValue(pre, k);
        if (start == null) return false;

        // run the test: the loop body executes trips times
        List<Expr.Const> values = new ArrayList<>();
        Expr.Const v = start;
        while (true) {
            Expr stays = Specializer.fold(test.condition(), Map.of(k, v));
            if (!(stays instanceof Expr.Const c && c.value() instanceof Boolean b)) return false;
            values.add(v);
            if (b != trueStays) break;
            if (values.size() > MAX_TRIPS) return false;
            v = (Expr.Const) Specializer.fold(new Expr.Binary(BinOp.ADD, k.type, v, iv.step()), Map.of());
        }
        int trips = values.size() - 1;
        int size = 0;
        for (Block b : l.body) size += b.stmts.size() + 1;
        if ((long) size * trips > MAX_STATEMENTS) return false;

        int[] nextId = {Loops.nextBlockId(f)};
        Block first = null, previousLatch = null;
        for (int t = 0; t < trips; t++) {
            Map<Block, Block> copy = copies(l.body, nextId);
            Expr.Const kIs = values.get(t);
            for (Block b : l.body) {
                Block nb = copy.get(b);
                int n = b == latch && t < trips - 1 ? b.stmts.size() - 1 : b.stmts.size();   // k's own update only at the end
                for (int s = 0; s < n; s++) {
                    Stmt folded = Loops.rewrite(b.stmts.get(s), (e, line) -> Loops.substitute(e, k, kIs));
                    if (!(folded instanceof Stmt.Assign a && Loops.isVar(a.value(), a.target()))) nb.stmts.add(folded);   // acc += x * 0
                }
                nb.terminator = b == header ? new Block.Goto(copy.get(stay))
                        : b == latch ? null
                        : remap(b.terminator, copy, k, kIs);
            }
            if (previousLatch != null) previousLatch.terminator = new Block.Goto(copy.get(header));
            else first = copy.get(header);
            previousLatch = copy.get(latch);
            f.blocks.addAll(copy.values());
        }
        // the final test: the header's statements run once more, then the loop is left
        Block last = new Block(nextId[0], header.bci);
        Expr.Const kIs = values.get(trips);
        for (Stmt s : header.stmts) last.stmts.add(Loops.rewrite(s, (e, line) -> Loops.substitute(e, k, kIs)));
        last.terminator = new Block.Goto(exit);
        f.blocks.add(last);
        if (previousLatch != null) previousLatch.terminator = new Block.Goto(last);
        else first = last;
        pre.terminator = Loops.retarget(pre.terminator, header, first);
        return true;
    }

    /** The constant k holds when the loop is entered: the preheader's last assignment of k. */
    private static Expr.Const startValue(Block pre, Var k) {
        for (int i = pre.stmts.size() - 1; i >= 0; i--) {
            if (pre.stmts.get(i) instanceof Stmt.Assign a && a.target() == k) {
                return Specializer.fold(a.value(), Map.of()) instanceof Expr.Const c ? c : null;
            }
        }
        return null;
    }

    private static Map<Block, Block> copies(Set<Block> body, int[] nextId) {
        Map<Block, Block> copy = new HashMap<>();
        for (Block b : body) copy.put(b, new Block(nextId[0]++, b.bci));
        return copy;
    }

    /** A terminator inside one copy of the body, its condition folded with k's value there. */
    private static Block.Terminator remap(Block.Terminator t, Map<Block, Block> copy, Var k, Expr.Const kIs) {
        return switch (t) {
            case Block.Goto g -> new Block.Goto(copy.get(g.target()));
            case Block.Return r -> new Block.Return(r.value() == null ? null : Loops.substitute(r.value(), k, kIs), r.line());
            case Block.Branch br -> {
                Expr c = Loops.substitute(br.condition(), k, kIs);
                if (c instanceof Expr.Const known && known.value() instanceof Boolean taken) yield new Block.Goto(copy.get(taken ? br.ifTrue() : br.ifFalse()));
                yield new Block.Branch(c, copy.get(br.ifTrue()), copy.get(br.ifFalse()), br.line());
            }
        };
    }
}
