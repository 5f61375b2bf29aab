package hetero.runtime.jit;

import hetero.runtime.jit.ir.Block;
import hetero.runtime.jit.ir.Function;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.Deque;
import java.util.IdentityHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** Control-flow facts about a function: order, predecessors, dominators, post-dominators, natural loops. */
public final class Cfg {
    public final List<Block> rpo;
    public final Map<Block, List<Block>> preds = new IdentityHashMap<>();
    // Dense indices in reverse post-order: the dominator passes below run on int arrays, not hash maps
    // (building a Cfg is a large part of emission, once per function per compile).
    private final Map<Block, Integer> order = new IdentityHashMap<>();
    private final int[] idom;
    private final int[] ipdom;   // -1: only the virtual exit post-dominates
    public final List<Loop> loops = new ArrayList<>();
    public final Map<Block, Loop> loopOfHeader = new IdentityHashMap<>();

    /** A natural loop: its header, the blocks of its body (header included) and the back-edge sources. */
    public static final class Loop {
        public final Block header;
        public final Set<Block> body = new LinkedHashSet<>();
        public final List<Block> latches = new ArrayList<>();
        public Loop parent;
        private Set<Block> exits;

        Loop(Block header) {
            this.header = header;
        }

        /** Blocks outside the loop that the loop jumps to (computed once; a Cfg is not updated after it is built). */
        public Set<Block> exits() {
            if (exits == null) {
                Set<Block> out = new LinkedHashSet<>();
                for (Block b : body) for (Block s : b.successors()) if (!body.contains(s)) out.add(s);
                exits = Collections.unmodifiableSet(out);
            }
            return exits;
        }
    }

    public Cfg(Function f) {
        rpo = reversePostOrder(f.entry());
        int n = rpo.size();
        for (int i = 0; i < n; i++) order.put(rpo.get(i), i);
        for (Block b : rpo) preds.put(b, new ArrayList<>(2));
        int[][] succ = new int[n][];
        for (int i = 0; i < n; i++) {
            List<Block> ss = rpo.get(i).successors();
            succ[i] = new int[ss.size()];
            for (int k = 0; k < ss.size(); k++) {
                preds.get(ss.get(k)).add(rpo.get(i));
                succ[i][k] = order.get(ss.get(k));
            }
        }
        int[][] pred = new int[n][];
        for (int i = 0; i < n; i++) {
            List<Block> ps = preds.get(rpo.get(i));
            pred[i] = new int[ps.size()];
            for (int k = 0; k < ps.size(); k++) pred[i][k] = order.get(ps.get(k));
        }
        idom = dominators(pred, n);
        ipdom = postDominators(succ, pred, n);
        computeLoops();
    }

    public static List<Block> reversePostOrder(Block entry) {
        List<Block> post = new ArrayList<>();
        Set<Block> seen = Collections.newSetFromMap(new IdentityHashMap<>());
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

    /** Immediate dominators (Cooper, Harvey and Kennedy), blocks and results as indices in reverse post-order. */
    private static int[] dominators(int[][] pred, int n) {
        int[] dom = new int[n];
        Arrays.fill(dom, -1);
        dom[0] = 0;
        boolean changed = true;
        while (changed) {
            changed = false;
            for (int b = 1; b < n; b++) {
                int nd = -1;
                for (int p : pred[b]) {
                    if (dom[p] < 0) continue;
                    nd = nd < 0 ? p : intersect(p, nd, dom, null);
                }
                if (nd >= 0 && dom[b] != nd) {
                    dom[b] = nd;
                    changed = true;
                }
            }
        }
        return dom;
    }

    /** Walks two fingers up the tree; rank orders nodes (null: the node's own index is its rank). */
    private static int intersect(int a, int b, int[] dom, int[] rank) {
        while (a != b) {
            while (rankOf(a, rank) > rankOf(b, rank)) a = dom[a];
            while (rankOf(b, rank) > rankOf(a, rank)) b = dom[b];
        }
        return a;
    }

    private static int rankOf(int node, int[] rank) {
        return rank == null ? node : rank[node];
    }

    public boolean dominates(Block a, Block b) {
        Integer ia = order.get(a), ib = order.get(b);
        if (ia == null || ib == null) return a == b;
        for (int x = ib; ; x = idom[x]) {
            if (x == ia) return true;
            if (x < 0 || idom[x] == x) return false;
        }
    }

    /**
     * Immediate post-dominators over the reversed graph, with a virtual exit (index n) after every
     * return; -1 where only that exit post-dominates.
     */
    private static int[] postDominators(int[][] succ, int[][] pred, int n) {
        int exit = n;
        // reverse post-order of the reversed graph, from the virtual exit
        int[] rank = new int[n + 1];
        Arrays.fill(rank, -1);
        int[] post = new int[n + 1];
        int count = 0;
        int[] stack = new int[n + 1], next = new int[n + 1];
        boolean[] seen = new boolean[n + 1];
        int[] exitPreds = java.util.stream.IntStream.range(0, n).filter(b -> succ[b].length == 0).toArray();
        int sp = 0;
        stack[sp++] = exit;
        seen[exit] = true;
        while (sp > 0) {
            int b = stack[sp - 1];
            int[] rs = b == exit ? exitPreds : pred[b];
            if (next[b] < rs.length) {
                int s = rs[next[b]++];
                if (!seen[s]) {
                    seen[s] = true;
                    stack[sp++] = s;
                }
            } else {
                post[count++] = b;
                sp--;
            }
        }
        int[] order = new int[count];
        for (int i = 0; i < count; i++) {
            order[i] = post[count - 1 - i];
            rank[order[i]] = i;
        }
        int[] pd = new int[n + 1];
        Arrays.fill(pd, -1);
        pd[exit] = exit;
        boolean changed = true;
        while (changed) {
            changed = false;
            for (int b : order) {
                if (b == exit) continue;
                int nd = -1;
                if (succ[b].length == 0) {
                    nd = exit;
                } else {
                    for (int s : succ[b]) {
                        if (pd[s] < 0) continue;
                        nd = nd < 0 ? s : intersect(s, nd, pd, rank);
                    }
                }
                if (nd >= 0 && pd[b] != nd) {
                    pd[b] = nd;
                    changed = true;
                }
            }
        }
        int[] out = new int[n];
        for (int b = 0; b < n; b++) out[b] = pd[b] == exit ? -1 : pd[b];
        return out;
    }

    /** The block every path from b to the end passes through first, or null (only the end). */
    public Block immediatePostDominator(Block b) {
        Integer i = order.get(b);
        if (i == null || ipdom[i] < 0) return null;
        return rpo.get(ipdom[i]);
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
