package hetero.experiments.sweep;

import hetero.experiments.BadInputException;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/**
 * A sweep preset: for each parameter, the values to sweep. The file format is one
 * {@code key = v1, v2, v3} line per parameter; {@code #} starts a comment; blank lines are ignored;
 * keys are {@link Param} keys ({@code seq}, {@code kvHeads}, ...) or {@code devices}
 * ({@code all} or device ids). A key given twice is an error, so a typo cannot silently override.
 * Built-in presets live in {@code src/main/resources/presets/NAME.preset}; a path to a file works too.
 */
public record Preset(String name, Map<Param, List<String>> axes) {
    public static final List<String> BUILT_IN = List.of("quick", "seq-scaling", "head-scaling", "sharing-schemes",
            "attention-variants", "devices", "decode-kv-cache");

    public Preset {
        axes = Collections.unmodifiableMap(new EnumMap<>(axes.isEmpty() ? Map.of(Param.WORKLOAD, List.of(Param.WORKLOAD.defaultValue)) : axes));
    }

    /** A built-in preset by name, or a preset file by path. */
    public static Preset load(String nameOrPath) {
        String resource = "/presets/" + nameOrPath + ".preset";
        try (InputStream in = Preset.class.getResourceAsStream(resource)) {
            if (in != null) return parse(nameOrPath, new String(in.readAllBytes(), StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new BadInputException("cannot read preset " + resource + ": " + e.getMessage(), e);
        }
        Path file = Path.of(nameOrPath);
        if (!Files.isRegularFile(file)) {
            throw new BadInputException("no preset '" + nameOrPath + "': not a built-in preset (" + String.join(", ", BUILT_IN) + ") nor a file");
        }
        try {
            String name = file.getFileName().toString().replaceFirst("\\.preset$", "");
            return parse(name, Files.readString(file));
        } catch (IOException e) {
            throw new BadInputException("cannot read preset file " + file + ": " + e.getMessage(), e);
        }
    }

    public static Preset parse(String name, String text) {
        Map<Param, List<String>> axes = new EnumMap<>(Param.class);
        String[] lines = text.split("\\R", -1);
        for (int i = 0; i < lines.length; i++) {
            String line = lines[i].replaceFirst("#.*", "").strip();
            if (line.isEmpty()) continue;
            String where = "preset " + name + " line " + (i + 1) + ": ";
            int eq = line.indexOf('=');
            if (eq <= 0) throw new BadInputException(where + "expected 'key = v1, v2', got '" + line + "'");
            Param p;
            try {
                p = Param.byKey(line.substring(0, eq));
            } catch (BadInputException e) {
                throw new BadInputException(where + e.getMessage());
            }
            if (axes.containsKey(p)) throw new BadInputException(where + "key '" + p.key + "' is given twice");
            axes.put(p, values(where, p, line.substring(eq + 1)));
        }
        return new Preset(name, axes);
    }

    /** Splits {@code v1, v2} and checks each value parses (except the {@code devices} list, resolved later). */
    static List<String> values(String where, Param p, String list) {
        List<String> out = new ArrayList<>();
        for (String v : list.split(",")) {
            String s = v.strip();
            if (s.isEmpty()) throw new BadInputException(where + "empty value for " + p.key);
            try {
                p.parse(s);
            } catch (BadInputException e) {
                throw new BadInputException(where + e.getMessage());
            }
            out.add(s);
        }
        if (!p.inKey && out.size() > 1) throw new BadInputException(where + p.key + " is a run setting and takes one value, got " + out);
        return List.copyOf(out);
    }

    /** This preset with {@code key=v1,v2} overrides from the command line replacing whole axes. */
    public Preset withOverrides(List<String> assignments) {
        Map<Param, List<String>> out = new EnumMap<>(Param.class);
        out.putAll(axes);
        for (String a : assignments) {
            int eq = a.indexOf('=');
            if (eq <= 0) throw new BadInputException("--set expects key=v1,v2, got '" + a + "'");
            Param p = Param.byKey(a.substring(0, eq));
            out.put(p, values("--set " + a + ": ", p, a.substring(eq + 1)));
        }
        return new Preset(name, out);
    }

    public Preset withDevices(List<String> deviceIds) {
        Map<Param, List<String>> out = new EnumMap<>(Param.class);
        out.putAll(axes);
        out.put(Param.DEVICE, List.copyOf(deviceIds));
        return new Preset(name, out);
    }

    @Override
    public String toString() {
        StringBuilder sb = new StringBuilder("# preset " + name + "\n");
        axes.forEach((p, v) -> sb.append(p.key).append(" = ").append(String.join(", ", v)).append('\n'));
        return sb.toString();
    }

    /** For error messages. */
    static String keys() {
        return String.join(", ", Arrays.stream(Param.values()).map(p -> p.key).toList());
    }
}
