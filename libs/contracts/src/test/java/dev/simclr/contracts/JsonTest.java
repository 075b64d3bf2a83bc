package dev.simclr.contracts;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class JsonTest {

    /** A caller's own message type. */
    record Sample(String name, Instant at) {}

    @Test
    void writesInstantsAsIsoAndIgnoresUnknownFields() throws Exception {
        ObjectMapper m = Json.mapper();
        Sample s = new Sample("x", Instant.parse("2025-01-31T12:00:00.5Z"));
        String json = m.writeValueAsString(s);
        assertThat(json).isEqualTo("{\"name\":\"x\",\"at\":\"2025-01-31T12:00:00.500Z\"}");
        assertThat(m.readValue("{\"name\":\"x\",\"extra\":[1,2],\"at\":\"2025-01-31T12:00:00.5Z\"}", Sample.class))
                .isEqualTo(s);
    }

    @Test
    void rejectsTrailingTokens() {
        assertThatThrownBy(() -> Json.mapper().readTree("{\"a\":1} {\"b\":2}"))
                .isInstanceOf(JsonProcessingException.class);
    }

    @Test
    void newMapperIsIndependent() throws Exception {
        ObjectMapper own = Json.newMapper();
        assertThat(own).isNotSameAs(Json.mapper());
        assertThat(own.writeValueAsString(Instant.EPOCH)).isEqualTo("\"1970-01-01T00:00:00Z\"");
    }
}
