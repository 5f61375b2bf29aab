package hetero.experiments.workload;

import hetero.experiments.sweep.Config;
import hetero.kernels.VariantNames;
import hetero.kernels.tuning.Tuning;
import hetero.runtime.api.Devices;
import hetero.runtime.backend.Device;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

/**
 * {@code variant = auto}: the kernel the device's tuning file chose for the configuration's shape, or the device kind's
 * default without one ({@link Tuning}). The row keeps {@code auto} as its variant (so a re-run elsewhere picks that
 * machine's choice); the sweep log says which kernel ran.
 */
final class AutoVariant {
    static final String NAME = "auto";

    private AutoVariant() {
    }

    static boolean is(Config c) {
        return c.variant().equals(NAME);
    }

    /** The workload's variant names with {@code auto} added. */
    static List<String> with(List<String> names) {
        List<String> all = new ArrayList<>(names);
        all.add(NAME);
        return List.copyOf(all);
    }

    /**
     * The tuning's choice for the configuration's device, or null where that device is not on this machine (the run
     * then becomes a skipped row). {@code what} non-null: say on stdout (the sweep log) what was picked.
     */
    static <E extends Enum<E>> E pick(Config c, Function<Tuning, E> choose, String what) {
        Device d;
        try {
            d = Devices.get(c.device());
        } catch (IllegalArgumentException e) {
            return null;
        }
        Tuning t = Tuning.forDevice(d);
        E v = choose.apply(t);
        if (what != null) System.out.println("variant auto: " + what + " on " + d.id() + " -> " + VariantNames.of(v) + " (" + t.source() + ")");
        return v;
    }
}
