package io.hirestream.stack;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * The TLS material of one local home, made with the JDK's keytool on first use and kept under
 * {@code secrets/tls}: a certificate authority of the home's own, the broker's key and
 * certificate signed by it (for {@code localhost} and {@code 127.0.0.1}), and the authority's
 * certificate for clients as PEM, which Java clients take as a trust store of type PEM and
 * librdkafka as {@code ssl.ca.location}. The stores' password is made with a secure random; none
 * of it is ever committed.
 */
public final class StackCertificates {

    private static final String CA = "hirestream-local-ca";
    private static final String BROKER = "broker";

    private final Path folder;

    private StackCertificates(Path folder) {
        this.folder = folder;
    }

    /** The home's certificates, made on first use. */
    public static synchronized StackCertificates forHome(StackLayout layout) {
        StackCertificates certificates = new StackCertificates(layout.home().resolve("secrets").resolve("tls"));
        if (!Files.isRegularFile(certificates.caPem()) || !Files.isRegularFile(certificates.brokerKeyStore())) {
            certificates.make();
        }
        return certificates;
    }

    /** The broker's key and certificate chain (PKCS12). */
    public Path brokerKeyStore() {
        return folder.resolve("broker.p12");
    }

    /** The authority's certificate as PEM: Java clients' trust store (type PEM), librdkafka's {@code ssl.ca.location}. */
    public Path caPem() {
        return folder.resolve("ca.pem");
    }

    /** The password of the key stores. */
    public String storePassword() {
        try {
            return Files.readString(folder.resolve("store-password")).trim();
        } catch (IOException e) {
            throw new StackException("cannot read the TLS stores' password under " + folder + ": " + e.getMessage(), e);
        }
    }

    private void make() {
        try {
            Files.createDirectories(folder);
            Files.setPosixFilePermissions(folder, PosixFilePermissions.fromString("rwx------"));
            byte[] secret = new byte[18];
            new SecureRandom().nextBytes(secret);
            String password = Base64.getUrlEncoder().withoutPadding().encodeToString(secret);
            Path passwordFile = folder.resolve("store-password");
            SecretFile.write(passwordFile, password);
            Path caStore = folder.resolve("ca.p12");
            Path request = folder.resolve("broker.csr");
            Path signed = folder.resolve("broker.pem");
            for (Path stale : List.of(caStore, brokerKeyStore(), request, signed, caPem())) {
                Files.deleteIfExists(stale);
            }
            keytool(password, "-genkeypair", "-alias", CA, "-dname", "CN=hirestream local CA", "-keyalg", "EC",
                    "-groupname", "secp256r1", "-validity", "3650", "-ext", "bc:c", "-keystore", caStore.toString());
            keytool(password, "-exportcert", "-alias", CA, "-rfc", "-keystore", caStore.toString(), "-file", caPem().toString());
            keytool(password, "-genkeypair", "-alias", BROKER, "-dname", "CN=localhost", "-keyalg", "EC",
                    "-groupname", "secp256r1", "-validity", "825", "-keystore", brokerKeyStore().toString());
            keytool(password, "-certreq", "-alias", BROKER, "-keystore", brokerKeyStore().toString(), "-file", request.toString());
            keytool(password, "-gencert", "-alias", CA, "-keystore", caStore.toString(), "-infile", request.toString(),
                    "-outfile", signed.toString(), "-rfc", "-validity", "825",
                    "-ext", "san=dns:localhost,ip:127.0.0.1", "-ext", "eku=serverAuth");
            keytool(password, "-importcert", "-alias", CA, "-noprompt", "-file", caPem().toString(),
                    "-keystore", brokerKeyStore().toString());
            keytool(password, "-importcert", "-alias", BROKER, "-file", signed.toString(), "-keystore", brokerKeyStore().toString());
            Files.delete(request);
            Files.delete(signed);
        } catch (IOException e) {
            throw new StackException("cannot make the TLS certificates under " + folder + ": " + e.getMessage(), e);
        }
    }

    /** Runs the JDK's keytool with PKCS12 stores under the password; fails with its output. */
    private void keytool(String password, String... arguments) {
        List<String> command = new ArrayList<>(List.of(Java.home().resolve("bin").resolve("keytool").toString()));
        command.addAll(List.of(arguments));
        command.addAll(List.of("-storetype", "PKCS12", "-storepass:env", "HIRESTREAM_STORE_PASSWORD"));
        try {
            ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
            builder.environment().put("HIRESTREAM_STORE_PASSWORD", password);
            Process keytool = builder.start();
            String output = new String(keytool.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (!keytool.waitFor(60, TimeUnit.SECONDS) || keytool.exitValue() != 0) {
                throw new StackException("keytool " + arguments[0] + " failed: " + output.strip());
            }
        } catch (IOException e) {
            throw new StackException("cannot run keytool: " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new StackException("interrupted while making the TLS certificates", e);
        }
    }
}
