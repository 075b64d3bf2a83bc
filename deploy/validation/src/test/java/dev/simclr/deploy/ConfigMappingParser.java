package dev.simclr.deploy;

import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The config keys of SmallRye {@code @ConfigMapping} interfaces, read from Java source: every leaf method becomes
 * {@code <prefix>.<kebab-name>} ({@code @WithName} and {@code @WithParentName} honoured), a method returning a nested
 * interface (or {@code Optional} of one) is a group, a {@code Map} yields a {@code <key>.*} pattern. Default and static
 * members are ignored. Source is parsed rather than loaded, so the services' classes and their dependencies stay off
 * this module's class path.
 */
final class ConfigMappingParser {

    private static final Pattern MAPPING = Pattern.compile(
            "@ConfigMapping\\s*\\(\\s*prefix\\s*=\\s*\"([^\"]+)\"\\s*\\)[^{]*?\\binterface\\s+(\\w+)[^{]*\\{");
    private static final Pattern NESTED = Pattern.compile("\\binterface\\s+(\\w+)[^{]*$");
    private static final Pattern METHOD = Pattern.compile("([\\w.<>\\[\\], ?]+?)\\s+(\\w+)\\s*\\(\\s*\\)\\s*$");
    private static final Pattern WITH_NAME = Pattern.compile("@WithName\\s*\\(\\s*\"([^\"]+)\"\\s*\\)");
    private static final Pattern ANNOTATION = Pattern.compile("@\\w+(\\s*\\((?:[^()\"]|\"[^\"]*\")*\\))?");

    private ConfigMappingParser() {}

    /** All keys of every {@code @ConfigMapping} interface in {@code source} (empty if there is none). */
    static Set<String> keys(String source) {
        String code = JavaSource.withoutComments(source);
        Set<String> keys = new LinkedHashSet<>();
        Matcher m = MAPPING.matcher(code);
        while (m.find()) {
            int open = m.end() - 1;
            String body = code.substring(open + 1, JavaSource.matchingBrace(code, open));
            collect(m.group(1), body, nestedInterfaces(body), keys);
        }
        return keys;
    }

    /** kebab-case of a Java method name: {@code maxPollRecords} -> {@code max-poll-records}. */
    static String kebab(String name) {
        StringBuilder b = new StringBuilder();
        for (int i = 0; i < name.length(); i++) {
            char c = name.charAt(i);
            if (Character.isUpperCase(c)) {
                if (i > 0) {
                    b.append('-');
                }
                b.append(Character.toLowerCase(c));
            } else {
                b.append(c);
            }
        }
        return b.toString();
    }

    private static void collect(String prefix, String body, Map<String, String> groups, Set<String> keys) {
        for (String member : JavaSource.members(body)) {
            if (member.contains("=") || member.startsWith("static ") || member.contains(" static ")) {
                continue;
            }
            String annotations = annotations(member);
            String declaration = ANNOTATION.matcher(member).replaceAll(" ").trim();
            Matcher method = METHOD.matcher(declaration);
            if (!method.find()) {
                continue;
            }
            String type = method.group(1).replaceAll("\\s+", "").replaceFirst("^public", "");
            Matcher withName = WITH_NAME.matcher(annotations);
            String name = withName.find() ? withName.group(1) : kebab(method.group(2));
            String key = annotations.contains("@WithParentName") ? prefix : prefix + "." + name;
            String inner = unwrap(type, "Optional");
            String group = inner.substring(inner.lastIndexOf('.') + 1);
            if (groups.containsKey(group)) {
                collect(key, groups.get(group), groups, keys);
            } else if (type.startsWith("Map<")) {
                keys.add(key + ".*");
            } else {
                keys.add(key);
            }
        }
    }

    /** Nested interfaces of a mapping body (any depth), by simple name. */
    private static Map<String, String> nestedInterfaces(String body) {
        Map<String, String> out = new HashMap<>();
        for (int i = body.indexOf('{'); i >= 0; i = body.indexOf('{', i + 1)) {
            Matcher m = NESTED.matcher(body.substring(Math.max(0, i - 200), i));
            if (m.find()) {
                String inner = body.substring(i + 1, JavaSource.matchingBrace(body, i));
                out.put(m.group(1), inner);
                out.putAll(nestedInterfaces(inner));
            }
        }
        return out;
    }

    private static String annotations(String member) {
        StringBuilder b = new StringBuilder();
        Matcher m = ANNOTATION.matcher(member);
        while (m.find()) {
            b.append(m.group()).append(' ');
        }
        return b.toString();
    }

    private static String unwrap(String type, String wrapper) {
        return type.startsWith(wrapper + "<") && type.endsWith(">")
                ? type.substring(wrapper.length() + 1, type.length() - 1)
                : type;
    }
}
