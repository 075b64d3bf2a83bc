package dev.simclr.contracts;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.util.DefaultIndenter;
import com.fasterxml.jackson.core.util.DefaultPrettyPrinter;
import com.fasterxml.jackson.core.util.Separators;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectWriter;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;

/**
 * The shared Jackson configuration of the pipeline: {@link JavaTimeModule} with ISO-8601 dates (not timestamps),
 * unknown properties ignored, trailing tokens after a JSON value rejected, and no input echoed in parser error
 * locations.
 */
public final class Json {

    private static final ObjectMapper MAPPER = newMapper();

    private static final ObjectWriter COMPACT = MAPPER.writer();

    private static final ObjectWriter PRETTY = MAPPER.writer(prettyPrinter());

    private Json() {}

    /**
     * The shared mapper. Thread-safe for reading and writing; never reconfigure it (use {@link #newMapper()} or
     * {@link #configure(ObjectMapper)} for a mapper of your own).
     */
    public static ObjectMapper mapper() {
        return MAPPER;
    }

    /** A new mapper with this configuration, free for the caller to change. */
    public static ObjectMapper newMapper() {
        return configure(new ObjectMapper());
    }

    /**
     * Applies this configuration to an existing mapper (e.g. a Quarkus {@code ObjectMapperCustomizer}).
     *
     * @return the same mapper
     */
    public static <M extends ObjectMapper> M configure(M mapper) {
        mapper.registerModule(new JavaTimeModule());
        mapper.disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);
        mapper.enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);
        mapper.disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS);
        mapper.disable(SerializationFeature.WRITE_DURATIONS_AS_TIMESTAMPS);
        mapper.configure(JsonParser.Feature.INCLUDE_SOURCE_IN_LOCATION, false);
        return mapper;
    }

    /** Compact one-line JSON of a tree built by this package. */
    static String compact(JsonNode node) {
        return write(COMPACT, node);
    }

    /** Pretty JSON: two-space indent, one array element per line, {@code "key": value}, LF. */
    static String pretty(JsonNode node) {
        return write(PRETTY, node) + "\n";
    }

    private static String write(ObjectWriter writer, JsonNode node) {
        try {
            return writer.writeValueAsString(node);
        } catch (JsonProcessingException e) {
            // A tree of plain JSON nodes always serialises; reaching this is a bug, not bad input.
            throw new IllegalStateException("cannot serialise a JSON tree: " + e.getOriginalMessage(), e);
        }
    }

    private static DefaultPrettyPrinter prettyPrinter() {
        DefaultIndenter indenter = new DefaultIndenter("  ", "\n");
        DefaultPrettyPrinter printer = new DefaultPrettyPrinter()
                .withSeparators(Separators.createDefaultInstance()
                        .withObjectFieldValueSpacing(Separators.Spacing.AFTER)
                        .withObjectEmptySeparator("")
                        .withArrayEmptySeparator(""));
        printer.indentObjectsWith(indenter);
        printer.indentArraysWith(indenter);
        return printer;
    }
}
