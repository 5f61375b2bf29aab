package hetero.model.reference;

/**
 * Float64 multi-head scaled dot-product attention with grouped KV heads and masks, after the projections
 * (inputs are the already projected Q, K, V).
 *
 * <p>Layout: q [nq x heads*dHead], k and v [nk x kvHeads*dHead]; query head h reads KV head
 * h / (heads / kvHeads) (MHA: kvHeads = heads, GQA, MQA: kvHeads = 1). The output is [nq x heads*dHead], the
 * heads concatenated in order, ready for the output projection.
 *
 * <p>Masks: key j is visible to query i iff j &lt; validKeys (padding mask: keys at and after the sequence's
 * valid length are padding) and, when causal, j &lt;= queryOffset + i (queryOffset is the absolute position of
 * query row 0, so a decode step over a KV cache uses queryOffset = cache length - 1).
 * <b>Fully masked rows</b> (no visible key, e.g. a sequence of valid length 0) have all-zero probabilities and
 * produce a zero output row, never NaN and never a uniform average over padding. Query rows at padded positions
 * are otherwise computed like any other row (they read only valid keys); their values carry no meaning.
 */
public final class ReferenceAttention {
    private ReferenceAttention() { }

    /**
     * @param probabilities if not null, receives the attention probabilities, [heads x nq x nk]
     */
    public static double[] attend(double[] q, int nq, double[] k, double[] v, int nk, int heads, int kvHeads,
                                  int dHead, int validKeys, boolean causal, int queryOffset, double[] probabilities) {
        if (heads % kvHeads != 0) throw new IllegalArgumentException("kvHeads must divide heads");
        int dq = heads * dHead, dkv = kvHeads * dHead, group = heads / kvHeads;
        if (q.length != nq * dq || k.length < nk * dkv || v.length < nk * dkv)
            throw new IllegalArgumentException("attend: shapes do not match");
        if (probabilities != null && probabilities.length != heads * nq * nk)
            throw new IllegalArgumentException("attend: probabilities must have heads * nq * nk elements");
        double scale = 1 / Math.sqrt(dHead);
        double[] out = new double[nq * dq];
        double[] p = new double[nk];
        for (int h = 0; h < heads; h++) {
            int g = h / group;
            for (int i = 0; i < nq; i++) {
                int visible = Math.min(validKeys, causal ? queryOffset + i + 1 : nk);
                visible = Math.max(0, Math.min(visible, nk));
                java.util.Arrays.fill(p, 0);
                double max = Double.NEGATIVE_INFINITY;
                for (int j = 0; j < visible; j++) {
                    double s = 0;
                    for (int c = 0; c < dHead; c++) s += q[i * dq + h * dHead + c] * k[j * dkv + g * dHead + c];
                    p[j] = s * scale;
                    max = Math.max(max, p[j]);
                }
                double sum = 0;
                for (int j = 0; j < visible; j++) {
                    p[j] = Math.exp(p[j] - max); // subtract the row max: exp never overflows
                    sum += p[j];
                }
                for (int j = 0; j < visible; j++) p[j] /= sum;
                for (int j = 0; j < visible; j++)
                    for (int c = 0; c < dHead; c++) out[i * dq + h * dHead + c] += p[j] * v[j * dkv + g * dHead + c];
                if (probabilities != null) System.arraycopy(p, 0, probabilities, (h * nq + i) * nk, nk);
            }
        }
        return out;
    }
}
