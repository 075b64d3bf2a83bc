package dev.simclr.augment.fetch;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.InetAddress;
import java.net.URI;
import java.net.UnknownHostException;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Every refused form is refused before any connection: no network is needed or used. */
class HttpFetcherGuardTest {

    /** A resolver with a fixed table; any other name fails to resolve. */
    private static HostResolver table(Map<String, String> names) {
        return host -> {
            String ip = names.get(host);
            if (ip == null) {
                throw new UnknownHostException(host);
            }
            return new InetAddress[] {InetAddress.getByName(ip)};
        };
    }

    private static final HostResolver RESOLVER = table(Map.ofEntries(
            Map.entry("images.example.com", "93.184.216.34"),
            Map.entry("cdn.example.com", "93.184.216.35"),
            Map.entry("loop.example.com", "127.0.0.1"),
            Map.entry("ten.example.com", "10.1.2.3"),
            Map.entry("rfc1918b.example.com", "172.16.0.5"),
            Map.entry("rfc1918c.example.com", "192.168.1.1"),
            Map.entry("cgnat.example.com", "100.64.0.1"),
            Map.entry("meta.example.com", "169.254.169.254"),
            Map.entry("multi.example.com", "224.0.0.1"),
            Map.entry("zero.example.com", "0.0.0.0"),
            Map.entry("bcast.example.com", "255.255.255.255"),
            Map.entry("ula.example.com", "fd00::1"),
            Map.entry("ll6.example.com", "fe80::1"),
            Map.entry("lo6.example.com", "::1"),
            Map.entry("compat.example.com", "::7f00:1"),
            Map.entry("mapped.example.com", "::ffff:127.0.0.1"),
            Map.entry("nat64.example.com", "64:ff9b::a00:1"),
            Map.entry("mc6.example.com", "ff02::1"),
            Map.entry("public6.example.com", "2606:2800:220:1:248:1893:25c8:1946")));

    private static HttpFetcher fetcher(List<String> allowed) {
        return HttpFetcher.builder()
                .setAllowedHosts(allowed)
                .optResolver(RESOLVER)
                .build();
    }

    private static FetchException refusal(HttpFetcher f, String uri) {
        try {
            f.check(URI.create(uri));
        } catch (FetchException e) {
            assertThat(e.getMessage()).isNotBlank().doesNotContain("\n");
            return e;
        }
        throw new AssertionError("not refused: " + uri);
    }

    @Test
    void allowsPublicAddressesOfAllowedHostsAndPinsTheCheckedAddress() {
        HttpFetcher f = fetcher(List.of("images.example.com", "*.example.com"));
        HttpWire.Target t = f.check(URI.create("https://images.example.com/a/b.jpg?size=large"));
        assertThat(t.https()).isTrue();
        assertThat(t.host()).isEqualTo("images.example.com");
        assertThat(t.address().getHostAddress()).isEqualTo("93.184.216.34");
        assertThat(t.port()).isEqualTo(443);
        assertThat(t.pathAndQuery()).isEqualTo("/a/b.jpg?size=large");
        assertThat(f.check(URI.create("http://CDN.example.com:8080")).pathAndQuery())
                .isEqualTo("/");
        assertThat(f.check(URI.create("http://public6.example.com/x")).address().getHostAddress())
                .contains(":");
    }

    @Test
    void refusesHostsOutsideTheAllowlist() {
        HttpFetcher f = fetcher(List.of("images.example.com", "*.cdn.example.com"));
        assertThat(refusal(f, "https://cdn.example.com/x").getMessage()).contains("not in the allowlist");
        assertThat(refusal(f, "https://images.example.com.evil.org/x").getMessage())
                .contains("not in the allowlist");
        assertThat(refusal(f, "https://evilimages.example.com/x").getMessage()).contains("not in the allowlist");
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "loop",
                "ten",
                "rfc1918b",
                "rfc1918c",
                "cgnat",
                "meta",
                "multi",
                "zero",
                "bcast",
                "ula",
                "ll6",
                "lo6",
                "compat",
                "mapped",
                "nat64",
                "mc6"
            })
    void refusesNamesResolvingToNonPublicAddresses(String name) {
        HttpFetcher f = fetcher(List.of("*.example.com"));
        FetchException e = refusal(f, "http://" + name + ".example.com/img.png");
        assertThat(e.kind()).isEqualTo(FetchException.Kind.REFUSED);
        assertThat(e.getMessage()).contains("resolves to");
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "127.0.0.1",
                "10.0.0.1",
                "172.31.255.255",
                "192.168.0.1",
                "100.127.0.1",
                "169.254.169.254",
                "224.0.0.251",
                "0.0.0.0",
                "[::1]",
                "[fc00::1]",
                "[fe80::1]",
                "[::ffff:169.254.169.254]",
                "[::ffff:7f00:1]",
                "[::127.0.0.1]",
                "[::]",
                "[ff02::1]"
            })
    void refusesLiteralNonPublicAddressesEvenWhenAllowListed(String host) {
        HttpFetcher f = HttpFetcher.builder().setAllowedHosts(List.of(host)).build(); // literals: no DNS involved
        FetchException e = refusal(f, "http://" + host + "/latest/meta-data/");
        assertThat(e.kind()).isEqualTo(FetchException.Kind.REFUSED);
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "2130706433",
                "017700000001",
                "0x7f000001",
                "0x7f.1",
                "127.1",
                "0177.0.0.1",
                "127.0.0.01",
                "0xa9.0xfe.0xa9.0xfe",
                "3232235777",
                "1.2.3.4.5",
                "256.1.1.1"
            })
    void refusesNumericHostsInNonCanonicalForms(String host) {
        HttpFetcher f = fetcher(List.of("*.example.com", host));
        FetchException e = refusal(f, "http://" + host + "/x.png");
        assertThat(e.kind()).isEqualTo(FetchException.Kind.REFUSED);
        assertThat(e.getMessage()).contains("numeric host");
    }

    @Test
    void numericFormsAreReadLikeInetAton() {
        assertThat(HostLiterals.parseInetAton("2130706433")).containsExactly(127, 0, 0, 1);
        assertThat(HostLiterals.parseInetAton("017700000001")).containsExactly(127, 0, 0, 1);
        assertThat(HostLiterals.parseInetAton("0x7f.1")).containsExactly(127, 0, 0, 1);
        assertThat(HostLiterals.parseInetAton("127.1")).containsExactly(127, 0, 0, 1);
        assertThat(HostLiterals.parseInetAton("0xa9.0xfe.0xa9.0xfe")).containsExactly(169, 254, 169, 254);
        assertThat(HostLiterals.parseInetAton("1.2.3.4.5")).isNull();
        assertThat(HostLiterals.parseInetAton("08.1.1.1")).isNull();
        assertThat(HostLiterals.looksNumeric("images.example.com")).isFalse();
        assertThat(HostLiterals.looksNumeric("cafe.be")).isFalse();
        assertThat(HostLiterals.looksNumeric("a.0x1f")).isTrue();
        assertThat(HostLiterals.isCanonicalDottedQuad("93.184.216.34")).isTrue();
        assertThat(HostLiterals.isCanonicalDottedQuad("93.184.216.034")).isFalse();
    }

    @Test
    void refusesUserInfoOtherSchemesAndLocalhostNames() {
        HttpFetcher f = fetcher(List.of("images.example.com", "localhost", "a.localhost"));
        assertThat(refusal(f, "http://user:pw@images.example.com/x").getMessage())
                .contains("user info");
        assertThat(refusal(f, "http://images.example.com@127.0.0.1/x").getMessage())
                .contains("user info");
        assertThat(refusal(f, "ftp://images.example.com/x").getMessage()).contains("not an http");
        assertThat(refusal(f, "http://localhost/x").getMessage()).contains("loopback");
        assertThat(refusal(f, "http://a.localhost/x").getMessage()).contains("loopback");
        assertThat(refusal(f, "http://[fe80::1%25eth0]/x").getMessage()).contains("zone");
    }

    @Test
    void unresolvableHostsAreNotFound() {
        HttpFetcher f = fetcher(List.of("missing.example.com"));
        FetchException e = refusal(f, "https://missing.example.com/x");
        assertThat(e.kind()).isEqualTo(FetchException.Kind.NOT_FOUND);
    }

    @Test
    void everyResolvedAddressMustBePublic() {
        HostResolver mixed =
                host -> new InetAddress[] {InetAddress.getByName("93.184.216.34"), InetAddress.getByName("10.0.0.1")};
        HttpFetcher f = HttpFetcher.builder()
                .setAllowedHosts(List.of("mixed.example.com"))
                .optResolver(mixed)
                .build();
        assertThat(refusal(f, "https://mixed.example.com/x").getMessage()).contains("10.0.0.1");
    }

    @Test
    void builderNeedsAnAllowlist() {
        assertThatThrownBy(() -> HttpFetcher.builder().build()).hasMessageContaining("allowlist");
        assertThatThrownBy(() -> HttpFetcher.builder().setAllowedHosts(List.of("*")))
                .hasMessageContaining("invalid allowlist");
    }
}
