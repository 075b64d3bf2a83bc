package dev.simclr.objectstore;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class S3UriTest {

    @Test
    void parsesBucketAndKey() {
        S3Uri u = S3Uri.parse("s3://simclr-data/runs/r1/step-10/model.params");
        assertThat(u.bucket()).isEqualTo("simclr-data");
        assertThat(u.key()).isEqualTo("runs/r1/step-10/model.params");
        assertThat(u.isPrefix()).isFalse();
        assertThat(u.name()).isEqualTo("model.params");
        assertThat(u).hasToString("s3://simclr-data/runs/r1/step-10/model.params");
        assertThat(S3Uri.parse(u.toString())).isEqualTo(u);
    }

    @Test
    void bucketRootWithOrWithoutSlash() {
        assertThat(S3Uri.parse("s3://abc")).isEqualTo(new S3Uri("abc", ""));
        assertThat(S3Uri.parse("s3://abc/")).isEqualTo(new S3Uri("abc", null));
        assertThat(S3Uri.parse("s3://abc").isPrefix()).isTrue();
        assertThat(S3Uri.parse("s3://abc")).hasToString("s3://abc/");
    }

    @Test
    void resolveAndParent() {
        S3Uri run = S3Uri.parse("s3://b12/run");
        assertThat(run.resolve("step-1/")).hasToString("s3://b12/run/step-1/");
        assertThat(run.asPrefix().resolve("x")).hasToString("s3://b12/run/x");
        assertThat(S3Uri.parse("s3://b12/").resolve("x")).hasToString("s3://b12/x");
        assertThat(S3Uri.parse("s3://b12/a/b/c").parent()).hasToString("s3://b12/a/b/");
        assertThat(S3Uri.parse("s3://b12/a/b/c/").parent()).hasToString("s3://b12/a/b/");
        assertThat(S3Uri.parse("s3://b12/a").parent()).hasToString("s3://b12/");
        assertThatThrownBy(() -> S3Uri.parse("s3://b12/").parent())
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("has no parent");
        assertThatThrownBy(() -> run.resolve("/abs")).hasMessageContaining("non-empty relative key");
        assertThatThrownBy(() -> run.resolve("")).hasMessageContaining("non-empty relative key");
    }

    @ParameterizedTest
    @ValueSource(strings = {"http://bucket/key", "bucket/key", "S3://bucket/key", "s3:/bucket/key", "file:///x"})
    void rejectsOtherSchemes(String value) {
        assertThatThrownBy(() -> S3Uri.parse(value))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("not an s3:// URI");
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "s3://ab/key",
                "s3://Upper/key",
                "s3:///key",
                "s3://-bad/key",
                "s3://bad-/key",
                "s3://a..b/key",
                "s3://under_score/key"
            })
    void rejectsBadBuckets(String value) {
        assertThatThrownBy(() -> S3Uri.parse(value))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("bad S3 URI")
                .hasMessageContaining("invalid bucket name");
    }

    @Test
    void rejectsBadKeys() {
        assertThatThrownBy(() -> S3Uri.parse("s3://bucket//key")).hasMessageContaining("must not start with '/'");
        assertThatThrownBy(() -> S3Uri.parse("s3://bucket/a\nb")).hasMessageContaining("control character");
        assertThatThrownBy(() -> S3Uri.parse("s3://bucket/" + "k".repeat(1025))).hasMessageContaining("1024 bytes");
        assertThatThrownBy(() -> S3Uri.parse(" ")).hasMessage("S3 URI is empty");
        assertThatThrownBy(() -> S3Uri.parse(null)).hasMessage("S3 URI is empty");
    }
}
