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
 * ({@code all} or device ids). A key given twice in one block is an error, so a typo cannot
 * silently override.
 *
 * <p>Blocks: a line {@code ---} starts a new block. The lines before the first {@code ---} are
 * common to every block; each block adds its own lines on top (a block's line replaces a common
 * line with the same key). The grid is the union of the blocks' cartesian products, so one preset
 * can sweep different workloads over the axes that make sense for each (softmax variants need not
 * be crossed with attention masks). Without {@code ---} a preset is one block.
 * Built-in presets live in {@code src/main/resources/presets/NAME.preset}; a path to a file works too.
 *
 * @param blocks one axes map per block, common lines already merged in
 */
public record Preset(String name, List<Map<Param, List<String>>> blocks) {
    public static final List<String> BUILT_IN = List.of("quick", "seq-scaling", "head-scaling", "sharing-schemes",
            "attention-variants", "devices", "decode-kv-cache", "efficient-attention");

    public Preset {
        List<Map<Param, List<String>>> copy = new ArrayList<>();
        for (Map<Param, List<String>> axes : blocks) {
            copy.add(Collections.unmodifiableMap(new EnumMap<>(axes.isEmpty() ? Map.of(Param.WORKLOAD, List.of(Param.WORKLOAD.defaultValue)) : axes)));
        }
        if (copy.isEmpty()) copy.add(Map.of(Param.WORKLOAD, List.of(Param.WORKLOAD.defaultValue)));
        blocks = List.copyOf(copy);
    }

    /** A one-block preset. */
    public Preset(String name, Map<Param, List<String>> axes) {
        this(name, List.of(axes));
    }

    /** The first block's axes: the whole preset when it has one block; common lines (devices, run settings) otherwise. */
    public Map<Param, List<String>> axes() {
        return blocks.getFirst();
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
        Map<Param, List<String>> common = new EnumMap<>(Param.class);
        List<Map<Param, List<String>>> blocks = new ArrayList<>();
        Map<Param, List<String>> axes = common;
        String[] lines = text.split("\\R", -1);
        for (int i = 0; i < lines.length; i++) {
            String line = lines[i].replaceFirst("#.*", "").strip();
            if (line.isEmpty()) continue;
            String where = "preset " + name + " line " + (i + 1) + ": ";
            if (line.equals("---")) {
                axes = new EnumMap<>(Param.class);
                blocks.add(axes);
                continue;
            }
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
        if (blocks.isEmpty()) return new Preset(name, common);
        List<Map<Param, List<String>>> merged = new ArrayList<>();
        for (Map<Param, List<String>> block : blocks) {
            if (block.isEmpty()) continue;   // a trailing or doubled ---
            Map<Param, List<String>> m = new EnumMap<>(common);
            m.putAll(block);
            merged.add(m);
        }
        return new Preset(name, merged.isEmpty() ? List.of(common) : merged);
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
    /** This preset with {@code key=v1,v2} overrides from the command line replacing whole axes (in every block). */
    public Preset withOverrides(List<String> assignments) {
        Map<Param, List<String>> given = new EnumMap<>(Param.class);
        for (String a : assignments) {
            int eq = a.indexOf('=');
            if (eq <= 0) throw new BadInputException("--set expects key=v1,v2, got '" + a + "'");
            Param p = Param.byKey(a.substring(0, eq));
            given.put(p, values("--set " + a + ": ", p, a.substring(eq + 1)));
        }
        return withEveryBlock(given);
    }

    public Preset withDevices(List<String> deviceIds) {
        return withEveryBlock(Map.of(Param.DEVICE, List.copyOf(deviceIds)));
    }

    private Preset withEveryBlock(Map<Param, List<String>> lines) {
        List<Map<Param, List<String>>> out = new ArrayList<>();
        for (Map<Param, List<String>> axes : blocks) {
            Map<Param, List<String>> m = new EnumMap<>(Param.class);
            m.putAll(axes);
            m.putAll(lines);
            out.add(m);
        }
        return new Preset(name, out);
    }

    @Override
    public String toString() {
        StringBuilder sb = new StringBuilder("# preset " + name + "\n");
        for (int i = 0; i < blocks.size(); i++) {
            if (i > 0) sb.append("---\n");
            blocks.get(i).forEach((p, v) -> sb.append(p.key).append(" = ").append(String.join(", ", v)).append('\n'));
        }
        return sb.toString();
    }

    /** For error messages. */
    static String keys() {
        return String.join(", ", Arrays.stream(Param.values()).map(p -> p.key).toList());
    }
}
