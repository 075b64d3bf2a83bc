package dev.simclr.model.nn;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class NamedSequenceTest {

    @Test
    void keepsNamesAndOrder() {
        Relu relu = new Relu();
        NamedSequence seq =
                new NamedSequence().add("conv", Layers.conv(4, 3, 1, 1)).add("relu", relu);
        assertThat(seq.names()).containsExactly("conv", "relu");
        assertThat(seq.getChildren().keys()).containsExactly("01conv", "02relu");
        assertThat(seq.child("relu")).isSameAs(relu);
        assertThat(seq.size()).isEqualTo(2);
    }

    @Test
    void rejectsDuplicateOrMalformedNamesAndUnknownLookups() {
        NamedSequence seq = new NamedSequence().add("bn", Layers.batchNorm());
        assertThatThrownBy(() -> seq.add("bn", new Relu())).hasMessage("duplicate child name 'bn'");
        assertThatThrownBy(() -> seq.add("a_b", new Relu())).hasMessageContaining("letters and digits");
        assertThatThrownBy(() -> seq.child("fc")).hasMessage("no child named 'fc' in [bn]");
    }
}
