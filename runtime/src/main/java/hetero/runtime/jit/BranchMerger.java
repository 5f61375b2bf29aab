package hetero.runtime.jit;

import hetero.runtime.jit.ir.Block;
import hetero.runtime.jit.ir.Expr;
import hetero.runtime.jit.ir.Function;

import java.util.List;

/**
 * Folds javac's branch chains for {@code a && b} and {@code a || b} back into one condition, so the
 * structured emitter sees one if instead of a diamond with a shared arm.
 * A block qualifies when it holds nothing but its branch and its only predecessor is the branch
 * that leads to it.
 */
final class BranchMerger {
    private BranchMerger() {
    }

    static void mergeShortCircuits(Function f) {
        boolean changed = true;
        while (changed) {
            changed = false;
            Cfg cfg = new Cfg(f);
            for (Block b0 : cfg.rpo) {
                if (!(b0.terminator instanceof Block.Branch br0)) continue;
                for (int side = 0; side < 2 && !changed; side++) {
                    Block b1 = side == 0 ? br0.ifTrue() : br0.ifFalse();
                    Block other = side == 0 ? br0.ifFalse() : br0.ifTrue();
                    if (b1 == b0 || !b1.stmts.isEmpty() || !(b1.terminator instanceof Block.Branch br1)) continue;
                    List<Block> p = cfg.preds.get(b1);
                    if (p.size() != 1 || cfg.loopOfHeader.containsKey(b1)) continue;
                    Expr c0 = br0.condition(), c1 = br1.condition();
                    Block t = br1.ifTrue(), e = br1.ifFalse();
                    Expr merged;
                    Block mt, mf;
                    if (side == 1 && other == t) {          // c0 -> T, else (c1 -> T, else E): c0 || c1
                        merged = new Expr.Logic(false, c0, c1); mt = t; mf = e;
                    } else if (side == 1 && other == e) {   // c0 -> E, else (c1 -> T, else E): !c0 && c1
                        merged = new Expr.Logic(true, Negation.of(c0), c1); mt = t; mf = e;
                    } else if (side == 0 && other == e) {   // c0 -> (c1 -> T, else E), else E: c0 && c1
                        merged = new Expr.Logic(true, c0, c1); mt = t; mf = e;
                    } else if (side == 0 && other == t) {   // c0 -> (c1 -> T, else E), else T: !c0 || c1
                        merged = new Expr.Logic(false, Negation.of(c0), c1); mt = t; mf = e;
                    } else {
                        continue;
                    }
                    b0.terminator = new Block.Branch(merged, mt, mf, br0.line());
                    f.blocks.remove(b1);
                    changed = true;
                }
                if (changed) break;
            }
        }
        f.blocks.retainAll(Cfg.reversePostOrder(f.entry()));
    }
}
