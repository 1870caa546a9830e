package com.mintreu.engine.config;

import com.mintreu.api.config.Setting;
import com.mintreu.api.config.Validated;
import java.util.ArrayList;
import java.util.List;

/** Support tickets: which helpdesk keeps them, what may be attached, and how many a user may send. */
public record SupportConfig(
        @Setting(help = "the id of the Helpdesk extension that stores tickets") String helpdesk,
        @Setting(help = "the storage backend for attachments; empty: the first running one") String storage,
        @Setting(help = "largest attachment, in bytes") long attachmentMaxBytes,
        @Setting(help = "attachment types accepted, recognised by the file's content (image/png, image/jpeg, image/gif, image/webp, application/pdf, text/plain)")
        List<String> attachmentTypes,
        @Setting(help = "tickets one user may open per hour (on each node)") int ticketsPerHour,
        @Setting(help = "replies and notes one user may write per minute (on each node)") int repliesPerMinute,
        @Setting(help = "where mail about tickets without a seller goes until an admin takes one over; empty: no mail") String adminEmail)
        implements Validated {

    /** The types an attachment can be recognised as. */
    public static final List<String> KNOWN_TYPES = List.of("image/png", "image/jpeg", "image/gif", "image/webp", "application/pdf", "text/plain");

    static SupportConfig defaults() {
        return new SupportConfig("helpdesk-builtin", "", 5L * 1024 * 1024, List.of("image/png", "image/jpeg", "application/pdf", "text/plain"),
                5, 20, "");
    }

    public SupportConfig {
        attachmentTypes = attachmentTypes == null ? List.of() : List.copyOf(attachmentTypes);
    }

    @Override
    public List<Problem> problems() {
        List<Problem> out = new ArrayList<>();
        if (helpdesk == null || !helpdesk.matches("[a-z0-9-]{1,64}")) {
            out.add(new Problem("helpdesk", "expected an extension id (lower-case letters, digits, dashes), got " + helpdesk));
        }
        if (attachmentMaxBytes < 1 || attachmentMaxBytes > 100L * 1024 * 1024) {
            out.add(new Problem("attachmentMaxBytes", "expected 1 to 104857600, got " + attachmentMaxBytes));
        }
        for (String t : attachmentTypes) {
            if (!KNOWN_TYPES.contains(t)) {
                out.add(new Problem("attachmentTypes", "unknown type '" + t + "'; expected some of " + KNOWN_TYPES));
            }
        }
        if (ticketsPerHour < 1 || ticketsPerHour > 1000) {
            out.add(new Problem("ticketsPerHour", "expected 1 to 1000, got " + ticketsPerHour));
        }
        if (repliesPerMinute < 1 || repliesPerMinute > 1000) {
            out.add(new Problem("repliesPerMinute", "expected 1 to 1000, got " + repliesPerMinute));
        }
        return out;
    }
}
