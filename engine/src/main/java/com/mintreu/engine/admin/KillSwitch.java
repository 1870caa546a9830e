package com.mintreu.engine.admin;

import com.mintreu.engine.web.ErrorCode;

/**
 * The registry of kill switches: each feature that can be turned off on every node at once. A
 * feature adds its constant here and calls
 * {@link KillSwitches#require} at its seam; the admin page and API list every constant.
 * The switch is also the stable error its seam answers with (503, {@code code} below).
 */
public enum KillSwitch implements ErrorCode {
    PAYMENTS("payments", "PAYMENTS_DISABLED", "Payments",
            "New checkouts and payments. Gateway webhooks keep landing, so money already moving is recorded.",
            "Payments are paused for a moment; nothing was charged. Please try again later."),
    DOWNLOADS("downloads", "DOWNLOADS_DISABLED", "Downloads",
            "File downloads of every product.",
            "Downloads are paused for a moment. Please try again later."),
    LICENSE_ACTIVATIONS("license-activations", "ACTIVATIONS_DISABLED", "License activations",
            "Activating machines and claiming seats. Validation keeps answering: installed software keeps working.",
            "New activations are paused for a moment; software already activated keeps working."),
    GATEWAY("gateway", "GATEWAY_DISABLED", "API gateway",
            "Calls through the API gateway (/gw/...). Key verification for sellers' own servers keeps answering.",
            "The API gateway is paused for a moment; please retry shortly."),
    REFERRALS("referrals", "REFERRALS_DISABLED", "Referrals",
            "Affiliate links stop setting the referral cookie and new orders are not attributed. Commissions already booked stay.",
            "Referral links are paused for a moment; the shop itself works as usual."),
    SUPPORT("support", "SUPPORT_DISABLED", "Support",
            "Opening and answering support tickets and messages. Help articles stay readable.",
            "Support is paused for a moment; please try again later. Help articles are still available."),
    ASSISTANT("assistant", "ASSISTANT_DISABLED", "Assistant",
            "The knowledge assistant's answers (and any calls it makes to a language model).",
            "The assistant is paused for a moment; the help articles and support tickets still work.");

    private final String id;
    private final String code;
    private final String label;
    private final String effect;
    private final String message;

    KillSwitch(String id, String code, String label, String effect, String message) {
        this.id = id;
        this.code = code;
        this.label = label;
        this.effect = effect;
        this.message = message;
    }

    /** The id in URLs and the database ({@code payments}). */
    public String id() {
        return id;
    }

    public String label() {
        return label;
    }

    /** What engaging it stops, for the admin page. */
    public String effect() {
        return effect;
    }

    /** What a customer is told while it is engaged. */
    public String message() {
        return message;
    }

    @Override
    public String code() {
        return code;
    }

    @Override
    public int status() {
        return 503;
    }

    @Override
    public String title() {
        return label + " are switched off for now";
    }

    public static java.util.Optional<KillSwitch> byId(String id) {
        for (KillSwitch s : values()) {
            if (s.id.equals(id)) {
                return java.util.Optional.of(s);
            }
        }
        return java.util.Optional.empty();
    }
}
