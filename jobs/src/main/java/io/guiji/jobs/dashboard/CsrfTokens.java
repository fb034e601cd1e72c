package io.guiji.jobs.dashboard;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.Base64;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * The review page's anti-forgery tokens: each rendered page carries a fresh one, {@code
 * <issued-millis>.<random>.<HMAC-SHA256 of both>} under a key drawn when the dashboard starts, so
 * that another site can neither read nor forge one. Valid for {@link #LIFETIME}; a restart
 * invalidates all (the page is then reloaded).
 */
final class CsrfTokens {
    static final Duration LIFETIME = Duration.ofHours(8);

    private final SecureRandom random = new SecureRandom();
    private final byte[] key = new byte[32];

    CsrfTokens() {
        random.nextBytes(key);
    }

    /** A new token for one page. */
    String issue() {
        byte[] nonce = new byte[16];
        random.nextBytes(nonce);
        String body =
                System.currentTimeMillis()
                        + "."
                        + Base64.getUrlEncoder().withoutPadding().encodeToString(nonce);
        return body + "." + mac(body);
    }

    /** Whether {@code token} was issued here and has not expired. */
    boolean valid(String token) {
        if (token == null) {
            return false;
        }
        int last = token.lastIndexOf('.');
        int first = token.indexOf('.');
        if (first <= 0 || last <= first) {
            return false;
        }
        String body = token.substring(0, last);
        if (!MessageDigest.isEqual(
                mac(body).getBytes(StandardCharsets.US_ASCII),
                token.substring(last + 1).getBytes(StandardCharsets.US_ASCII))) {
            return false;
        }
        try {
            long issued = Long.parseLong(token.substring(0, first));
            long age = System.currentTimeMillis() - issued;
            return age >= 0 && age <= LIFETIME.toMillis();
        } catch (NumberFormatException e) {
            return false;
        }
    }

    private String mac(String body) {
        try {
            Mac m = Mac.getInstance("HmacSHA256");
            m.init(new SecretKeySpec(key, "HmacSHA256"));
            return Base64.getUrlEncoder()
                    .withoutPadding()
                    .encodeToString(m.doFinal(body.getBytes(StandardCharsets.US_ASCII)));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is unavailable", e);
        }
    }
}
