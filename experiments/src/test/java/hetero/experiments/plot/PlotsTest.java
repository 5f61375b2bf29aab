package hetero.experiments.plot;

import org.junit.jupiter.api.Test;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.*;

class PlotsTest {
    private static Map<String, String> row(String host, String seq, String ms) {
        Map<String, String> r = new HashMap<>(Map.of("workload", "gemm", "scheme", "none", "variant", "tiled", "mask", "none", "layers", "1",
                "d_model", "64", "d_ff", "256", "heads", "2", "kv_heads", "2", "batch", "1"));
        r.putAll(Map.of("device_id", "opencl:0:0", "host", host, "seq", seq, "median_ms", ms));
        return r;
    }

    @Test
    void timingsOfTwoHostsAreTwoSeriesNeverOne() {
        List<Map<String, String>> rows = List.of(row("node-a", "64", "1.0"), row("node-a", "128", "2.0"),
                row("node-b", "64", "5.0"), row("node-b", "128", "9.0"));
        var series = Plots.series(rows, "median_ms", "device_id");
        assertEquals(Set.of("host=node-a", "host=node-b"), series.keySet());
        assertEquals(5.0, series.get("host=node-b").get(64.0), "node-b's point is not replaced by node-a's faster one");
        String md = Plots.summary(rows, 0);
        assertTrue(md.contains("| host |") && md.contains("node-a") && md.contains("node-b"), md);
    }

    @Test
    void oneHostKeepsTheLabelsItHadBefore() {
        var series = Plots.series(List.of(row("node-a", "64", "1.0"), row("node-a", "128", "2.0")), "median_ms", "device_id");
        assertEquals(Set.of("gemm"), series.keySet());
    }
}
