package com.mintreu.plugins.paymentsandbox;

import com.mintreu.api.config.Setting;
import com.mintreu.api.config.Validated;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;

/**
 * {@code plugins.payment-sandbox.config}.
 *
 * @param secret     the HMAC key of webhook signatures, shared by the "provider" side (the hosted
 *                   page) and the engine side ({@code parseWebhook}) of this plugin; when empty, a key
 *                   derived from the engine's master secret is used, so a fresh install runs unedited
 * @param webhookUrl where the hosted page posts events; null for {@code <baseUrl>/api/v1/webhooks/payment-sandbox}
 */
public record SandboxConfig(
        @Setting(secret = true, help = "webhook signing secret, at least 32 characters; empty derives one from the engine's master secret") String secret,
        @Setting(help = "override of the webhook URL; empty for <baseUrl>/api/v1/webhooks/payment-sandbox") URI webhookUrl)
        implements Validated {

    static final int MIN_SECRET_CHARS = 32;

    static SandboxConfig defaults() {
        return new SandboxConfig(null, null);
    }

    @Override
    public List<Problem> problems() {
        List<Problem> problems = new ArrayList<>();
        if (secret != null && !secret.isEmpty() && secret.length() < MIN_SECRET_CHARS) {
            problems.add(new Problem("secret", "must be at least " + MIN_SECRET_CHARS + " characters"));
        }
        if (webhookUrl != null && (!webhookUrl.isAbsolute() || !List.of("http", "https").contains(webhookUrl.getScheme()))) {
            problems.add(new Problem("webhookUrl", "must be an absolute http(s) URL, got " + webhookUrl));
        }
        return problems;
    }

    /** Keeps the secret out of logs and error messages. */
    @Override
    public String toString() {
        return "SandboxConfig[secret=***, webhookUrl=" + webhookUrl + "]";
    }
}
