package dev.simclr.deploy;

import java.util.ArrayList;
import java.util.List;

/** Just enough Java lexing for config interfaces: comments out, braces matched, members split. */
final class JavaSource {

    private JavaSource() {}

    /** {@code source} with comments replaced by spaces; string and char literals kept intact. */
    static String withoutComments(String source) {
        StringBuilder b = new StringBuilder(source.length());
        int i = 0;
        while (i < source.length()) {
            char c = source.charAt(i);
            if (c == '"' || c == '\'') {
                int end = literalEnd(source, i);
                b.append(source, i, end);
                i = end;
            } else if (source.startsWith("//", i)) {
                int end = source.indexOf('\n', i);
                i = end < 0 ? source.length() : end;
            } else if (source.startsWith("/*", i)) {
                int end = source.indexOf("*/", i + 2);
                if (end < 0) {
                    throw new IllegalArgumentException("unterminated block comment at offset " + i);
                }
                b.append(' ');
                i = end + 2;
            } else {
                b.append(c);
                i++;
            }
        }
        return b.toString();
    }

    /** Offset of the brace closing the one at {@code open} (literals skipped). */
    static int matchingBrace(String code, int open) {
        if (code.charAt(open) != '{') {
            throw new IllegalArgumentException("no '{' at offset " + open);
        }
        int depth = 0;
        for (int i = open; i < code.length(); i++) {
            char c = code.charAt(i);
            if (c == '"' || c == '\'') {
                i = literalEnd(code, i) - 1;
            } else if (c == '{') {
                depth++;
            } else if (c == '}' && --depth == 0) {
                return i;
            }
        }
        throw new IllegalArgumentException("unbalanced braces after offset " + open);
    }

    /**
     * The member declarations of a type body, each trimmed: text up to a {@code ;} at depth 0. Members with a body
     * (nested types, default methods) are skipped whole.
     */
    static List<String> members(String body) {
        List<String> out = new ArrayList<>();
        StringBuilder current = new StringBuilder();
        for (int i = 0; i < body.length(); i++) {
            char c = body.charAt(i);
            if (c == '"' || c == '\'') {
                int end = literalEnd(body, i);
                current.append(body, i, end);
                i = end - 1;
            } else if (c == '{') {
                i = matchingBrace(body, i);
                current.setLength(0);
            } else if (c == ';') {
                String member = current.toString().trim();
                if (!member.isEmpty()) {
                    out.add(member);
                }
                current.setLength(0);
            } else {
                current.append(c);
            }
        }
        return out;
    }

    private static int literalEnd(String s, int start) {
        char quote = s.charAt(start);
        for (int i = start + 1; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c == '\\') {
                i++;
            } else if (c == quote) {
                return i + 1;
            }
        }
        throw new IllegalArgumentException("unterminated literal at offset " + start);
    }
}
