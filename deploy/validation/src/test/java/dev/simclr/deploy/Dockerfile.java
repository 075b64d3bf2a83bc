package dev.simclr.deploy;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** The instructions of a Dockerfile (continuations joined, comments dropped) and what they copy. */
final class Dockerfile {

    /** One instruction: upper-case keyword and its arguments as written. */
    record Instruction(String keyword, String args, int line) {}

    /** A COPY/ADD from the build context: sources (relative to the context) and destination. */
    record Copy(List<String> sources, String destination, int line) {}

    private static final Pattern ENV_PAIR = Pattern.compile("(\\w+)=(\"(?:[^\"\\\\]|\\\\.)*\"|\\S+)");

    private final Path file;
    private final List<Instruction> instructions;

    private Dockerfile(Path file, List<Instruction> instructions) {
        this.file = file;
        this.instructions = List.copyOf(instructions);
    }

    /** Reads and splits {@code file}. */
    static Dockerfile read(Path file) {
        return parse(file, Repo.read(file));
    }

    /** Splits {@code text} into instructions; {@code file} only names it in messages. */
    static Dockerfile parse(Path file, String text) {
        List<Instruction> out = new ArrayList<>();
        StringBuilder current = new StringBuilder();
        int start = 0;
        String[] lines = text.split("\n", -1);
        for (int i = 0; i < lines.length; i++) {
            String line = lines[i].strip();
            if (line.isEmpty() || line.startsWith("#")) {
                continue; // also inside a continuation, as Docker does
            }
            if (current.length() == 0) {
                start = i + 1;
            }
            boolean continued = line.endsWith("\\");
            current.append(continued ? line.substring(0, line.length() - 1) : line)
                    .append(' ');
            if (!continued) {
                String s = current.toString().strip();
                int space = s.indexOf(' ');
                if (space < 0) {
                    throw new IllegalArgumentException(file + ":" + start + ": instruction without arguments: " + s);
                }
                out.add(new Instruction(
                        s.substring(0, space).toUpperCase(java.util.Locale.ROOT),
                        s.substring(space + 1).strip(),
                        start));
                current.setLength(0);
            }
        }
        if (current.length() > 0) {
            throw new IllegalArgumentException(file + ": ends inside a continued instruction");
        }
        return new Dockerfile(file, out);
    }

    Path file() {
        return file;
    }

    /** The instructions with {@code keyword}. */
    List<Instruction> all(String keyword) {
        return instructions.stream().filter(i -> i.keyword().equals(keyword)).toList();
    }

    /** The COPY/ADD instructions reading from the build context (not {@code --from=} another stage). */
    List<Copy> contextCopies() {
        List<Copy> out = new ArrayList<>();
        for (Instruction i : instructions) {
            if (!i.keyword().equals("COPY") && !i.keyword().equals("ADD")) {
                continue;
            }
            List<String> words = new ArrayList<>(List.of(i.args().split("\\s+")));
            if (words.get(0).startsWith("[")) {
                throw new IllegalArgumentException(
                        file + ":" + i.line() + ": JSON-form COPY is not supported by this check");
            }
            boolean fromStage = words.stream().anyMatch(w -> w.startsWith("--from="));
            words.removeIf(w -> w.startsWith("--"));
            if (words.size() < 2) {
                throw new IllegalArgumentException(
                        file + ":" + i.line() + ": " + i.keyword() + " needs a source and a destination");
            }
            if (!fromStage) {
                out.add(new Copy(
                        List.copyOf(words.subList(0, words.size() - 1)), words.get(words.size() - 1), i.line()));
            }
        }
        return out;
    }

    /** ENV of the last stage (all stages' ENV for single-stage files), later values winning. */
    Map<String, String> env() {
        Map<String, String> env = new LinkedHashMap<>();
        for (Instruction i : instructions) {
            if (i.keyword().equals("FROM")) {
                env.clear();
            } else if (i.keyword().equals("ENV")) {
                Matcher m = ENV_PAIR.matcher(i.args());
                while (m.find()) {
                    String v = m.group(2);
                    env.put(m.group(1), v.startsWith("\"") ? v.substring(1, v.length() - 1) : v);
                }
            }
        }
        return env;
    }

    /** The image of the final stage's FROM (ARG defaults substituted). */
    String finalBaseImage() {
        Map<String, String> args = new LinkedHashMap<>();
        String base = null;
        for (Instruction i : instructions) {
            if (i.keyword().equals("ARG") && i.args().contains("=")) {
                args.putIfAbsent(
                        i.args().substring(0, i.args().indexOf('=')),
                        i.args().substring(i.args().indexOf('=') + 1));
            } else if (i.keyword().equals("FROM")) {
                base = i.args().split("\\s+")[0];
            }
        }
        if (base == null) {
            throw new IllegalArgumentException(file + ": no FROM");
        }
        for (Map.Entry<String, String> a : args.entrySet()) {
            base = base.replace("${" + a.getKey() + "}", a.getValue());
        }
        return base;
    }

    /** The default of build argument {@code name}, or null. */
    String argDefault(String name) {
        for (Instruction i : all("ARG")) {
            if (i.args().startsWith(name + "=")) {
                return i.args().substring(name.length() + 1);
            }
        }
        return null;
    }
}
