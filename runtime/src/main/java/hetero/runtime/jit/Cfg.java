package hetero.runtime.jit;

import hetero.runtime.jit.ir.Block;
import hetero.runtime.jit.ir.Function;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Deque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** Control-flow facts about a function: order, predecessors, dominators, post-dominators, natural loops. */
public final class Cfg {
    public final List<Block> rpo;
    public final Map<Block, List<Block>> preds = new HashMap<>();
    private final Map<Block, Integer> order = new HashMap<>();
    private final Map<Block, Block> idom = new HashMap<>();
    private final Map<Block, Block> ipdom = new HashMap<>();
    private boolean postDominatorsDone;
    public final List<Loop> loops = new ArrayList<>();
    public final Map<Block, Loop> loopOfHeader = new HashMap<>();

    /** A natural loop: its header, the blocks of its body (header included) and the back-edge sources. */
    public static final class Loop {
        public final Block header;
        public final Set<Block> body = new LinkedHashSet<>();
        public final List<Block> latches = new ArrayList<>();
        public Loop parent;

        Loop(Block header) {
            this.header = header;
        }

        /** Blocks outside the loop that the loop jumps to. */
        public Set<Block> exits() {
            Set<Block> out = new LinkedHashSet<>();
            for (Block b : body) for (Block s : b.successors()) if (!body.contains(s)) out.add(s);
            return out;
        }
    }

    public Cfg(Function f) {
        rpo = reversePostOrder(f.entry());
        for (int i = 0; i < rpo.size(); i++) order.put(rpo.get(i), i);
        for (Block b : rpo) preds.put(b, new ArrayList<>());
        for (Block b : rpo) for (Block s : b.successors()) preds.get(s).add(b);
        computeDominators();
        computeLoops();
    }

    public static List<Block> reversePostOrder(Block entry) {
        List<Block> post = new ArrayList<>();
        Set<Block> seen = new HashSet<>();
        Deque<Object[]> work = new ArrayDeque<>();
        seen.add(entry);
        work.push(new Object[]{entry, 0});
        while (!work.isEmpty()) {
            Object[] top = work.peek();
            Block b = (Block) top[0];
            int k = (int) top[1];
            List<Block> succ = b.successors();
            if (k < succ.size()) {
                top[1] = k + 1;
                if (seen.add(succ.get(k))) work.push(new Object[]{succ.get(k), 0});
            } else {
                post.add(b);
                work.pop();
            }
        }
        Collections.reverse(post);
        return post;
    }

    private void computeDominators() {
        Block entry = rpo.getFirst();
        idom.put(entry, entry);
        boolean changed = true;
        while (changed) {
            changed = false;
            for (Block b : rpo) {
                if (b == entry) continue;
                Block nd = null;
                for (Block p : preds.get(b)) {
                    if (!idom.containsKey(p)) continue;
                    nd = nd == null ? p : intersect(p, nd, idom, order);
                }
                if (nd != null && idom.get(b) != nd) {
                    idom.put(b, nd);
                    changed = true;
                }
            }
        }
    }

    private static Block intersect(Block a, Block b, Map<Block, Block> dom, Map<Block, Integer> ord) {
        while (a != b) {
            while (ord.get(a) > ord.get(b)) a = dom.get(a);
            while (ord.get(b) > ord.get(a)) b = dom.get(b);
        }
        return a;
    }

    public boolean dominates(Block a, Block b) {
        for (Block x = b; ; x = idom.get(x)) {
            if (x == a) return true;
            if (x == null || idom.get(x) == x) return x == a;
        }
    }

    /** Post-dominators over the reversed graph, with a virtual exit after every return. */
    private void computePostDominators() {
        Block exit = new Block(-1, -1);
        Map<Block, List<Block>> rsucc = new HashMap<>();
        rsucc.put(exit, new ArrayList<>());
        for (Block b : rpo) rsucc.put(b, new ArrayList<>(preds.get(b)));
        for (Block b : rpo) if (b.successors().isEmpty()) rsucc.get(exit).add(b);
        // reverse post-order on the reversed graph
        List<Block> post = new ArrayList<>();
        Set<Block> seen = new HashSet<>();
        Deque<Object[]> work = new ArrayDeque<>();
        seen.add(exit);
        work.push(new Object[]{exit, 0});
        while (!work.isEmpty()) {
            Object[] top = work.peek();
            Block b = (Block) top[0];
            int k = (int) top[1];
            List<Block> succ = rsucc.get(b);
            if (k < succ.size()) {
                top[1] = k + 1;
                if (seen.add(succ.get(k))) work.push(new Object[]{succ.get(k), 0});
            } else {
                post.add(b);
                work.pop();
            }
        }
        Collections.reverse(post);
        Map<Block, Integer> ord = new HashMap<>();
        for (int i = 0; i < post.size(); i++) ord.put(post.get(i), i);
        Map<Block, Block> pd = new HashMap<>();
        pd.put(exit, exit);
        boolean changed = true;
        while (changed) {
            changed = false;
            for (Block b : post) {
                if (b == exit) continue;
                Block nd = null;
                for (Block s : b.successors()) {
                    if (!pd.containsKey(s)) continue;
                    nd = nd == null ? s : intersect(s, nd, pd, ord);
                }
                if (b.successors().isEmpty()) nd = exit;
                if (nd != null && pd.get(b) != nd) {
                    pd.put(b, nd);
                    changed = true;
                }
            }
        }
        for (Map.Entry<Block, Block> e : pd.entrySet()) {
            if (e.getKey() != exit) ipdom.put(e.getKey(), e.getValue() == exit ? null : e.getValue());
        }
    }

    /** The block every path from b to the end passes through first, or null (only the end). */
    public Block immediatePostDominator(Block b) {
        if (!postDominatorsDone) {
            computePostDominators();   // on first use: the loop passes never ask, the structurer does
            postDominatorsDone = true;
        }
        return ipdom.get(b);
    }

    private void computeLoops() {
        for (Block b : rpo) {
            for (Block s : b.successors()) {
                if (dominates(s, b)) {
                    Loop l = loopOfHeader.computeIfAbsent(s, h -> {
                        Loop nl = new Loop(h);
                        loops.add(nl);
                        return nl;
                    });
                    l.latches.add(b);
                    l.body.add(s);
                    Deque<Block> work = new ArrayDeque<>();
                    if (l.body.add(b)) work.push(b);
                    while (!work.isEmpty()) {
                        Block x = work.pop();
                        for (Block p : preds.get(x)) if (l.body.add(p)) work.push(p);
                    }
                }
            }
        }
        // parent = the smallest other loop whose body contains the header
        for (Loop l : loops) {
            for (Loop o : loops) {
                if (o != l && o.body.contains(l.header) && o.body.size() > l.body.size()
                        && (l.parent == null || o.body.size() < l.parent.body.size())) {
                    l.parent = o;
                }
            }
        }
    }

    /** The innermost loop containing b, or null. */
    public Loop innermostLoop(Block b) {
        Loop best = null;
        for (Loop l : loops) if (l.body.contains(b) && (best == null || l.body.size() < best.body.size())) best = l;
        return best;
    }
}
