package dev.simclr.localstack;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * TLS material for a local secured server, made with the JDK's {@code keytool} (no extra library): a throw-away CA, a
 * server certificate for {@code localhost} and {@code 127.0.0.1} signed by it (EC P-256, valid 7 days), a PKCS12 key
 * store holding the server key with its chain, and a PKCS12 trust store holding the CA. One random password protects
 * both stores (PKCS12 uses the store password for the key); it reaches keytool through the environment, never its
 * command line.
 *
 * @param keyStore the server's PKCS12 key store
 * @param trustStore the PKCS12 trust store with the CA (what clients need)
 * @param caCertificate the CA certificate (PEM)
 * @param password the password of both stores
 */
public record LocalTls(Path keyStore, Path trustStore, Path caCertificate, String password) {

    /** The type of both stores. */
    public static final String STORE_TYPE = "PKCS12";

    private static final String PASSWORD_ENV = "SIMCLR_LOCAL_TLS_PASSWORD";

    /** Hides the password. */
    @Override
    public String toString() {
        return "LocalTls[keyStore=" + keyStore + ", trustStore=" + trustStore + ", password=***]";
    }

    /**
     * Generates the CA, the server certificate and both stores in {@code dir} (created if missing).
     *
     * @throws IllegalStateException when keytool fails (its output is in the message)
     */
    public static LocalTls generate(Path dir) {
        byte[] b = new byte[18];
        new SecureRandom().nextBytes(b);
        String password = HexFormat.of().formatHex(b);
        try {
            Files.createDirectories(dir);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create " + dir + ": " + e.getMessage(), e);
        }
        Path ca = dir.resolve("ca.p12");
        Path caPem = dir.resolve("ca.pem");
        Path server = dir.resolve("server.p12");
        Path csr = dir.resolve("server.csr");
        Path serverPem = dir.resolve("server.pem");
        Path trust = dir.resolve("truststore.p12");
        String pw = ":env";
        keytool(
                dir,
                password,
                "-genkeypair",
                "-alias",
                "ca",
                "-keyalg",
                "EC",
                "-groupname",
                "secp256r1",
                "-dname",
                "CN=simclr local test CA",
                "-ext",
                "bc:c",
                "-validity",
                "7",
                "-keystore",
                ca.toString(),
                "-storetype",
                STORE_TYPE,
                "-storepass" + pw,
                PASSWORD_ENV);
        keytool(
                dir,
                password,
                "-genkeypair",
                "-alias",
                "server",
                "-keyalg",
                "EC",
                "-groupname",
                "secp256r1",
                "-dname",
                "CN=localhost",
                "-validity",
                "7",
                "-keystore",
                server.toString(),
                "-storetype",
                STORE_TYPE,
                "-storepass" + pw,
                PASSWORD_ENV);
        keytool(
                dir,
                password,
                "-certreq",
                "-alias",
                "server",
                "-keystore",
                server.toString(),
                "-storepass" + pw,
                PASSWORD_ENV,
                "-file",
                csr.toString());
        keytool(
                dir,
                password,
                "-gencert",
                "-alias",
                "ca",
                "-keystore",
                ca.toString(),
                "-storepass" + pw,
                PASSWORD_ENV,
                "-infile",
                csr.toString(),
                "-outfile",
                serverPem.toString(),
                "-rfc",
                "-validity",
                "7",
                "-ext",
                "SAN=dns:localhost,ip:127.0.0.1",
                "-ext",
                "EKU=serverAuth,clientAuth",
                "-ext",
                "KU=digitalSignature");
        keytool(
                dir,
                password,
                "-exportcert",
                "-alias",
                "ca",
                "-keystore",
                ca.toString(),
                "-storepass" + pw,
                PASSWORD_ENV,
                "-rfc",
                "-file",
                caPem.toString());
        keytool(
                dir,
                password,
                "-importcert",
                "-alias",
                "ca",
                "-file",
                caPem.toString(),
                "-keystore",
                server.toString(),
                "-storepass" + pw,
                PASSWORD_ENV,
                "-noprompt");
        keytool(
                dir,
                password,
                "-importcert",
                "-alias",
                "server",
                "-file",
                serverPem.toString(),
                "-keystore",
                server.toString(),
                "-storepass" + pw,
                PASSWORD_ENV,
                "-noprompt");
        keytool(
                dir,
                password,
                "-importcert",
                "-alias",
                "ca",
                "-file",
                caPem.toString(),
                "-keystore",
                trust.toString(),
                "-storetype",
                STORE_TYPE,
                "-storepass" + pw,
                PASSWORD_ENV,
                "-noprompt");
        try {
            Files.deleteIfExists(csr);
            Files.deleteIfExists(ca);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot delete " + csr + ": " + e.getMessage(), e);
        }
        return new LocalTls(server, trust, caPem, password);
    }

    private static void keytool(Path dir, String password, String... args) {
        List<String> cmd = new ArrayList<>();
        cmd.add(Path.of(System.getProperty("java.home"), "bin", "keytool").toString());
        cmd.addAll(List.of(args));
        ProcessBuilder pb = new ProcessBuilder(cmd).directory(dir.toFile()).redirectErrorStream(true);
        pb.environment().put(PASSWORD_ENV, password);
        try {
            Process p = pb.start();
            p.getOutputStream().close();
            String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (!p.waitFor(60, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                throw new IllegalStateException("keytool " + args[0] + " did not finish within 60 s");
            }
            if (p.exitValue() != 0) {
                throw new IllegalStateException(
                        "keytool " + args[0] + " failed (exit " + p.exitValue() + "): " + out.strip());
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot run keytool: " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while running keytool", e);
        }
    }
}
