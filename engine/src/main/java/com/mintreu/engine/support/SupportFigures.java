package com.mintreu.engine.support;

import com.mintreu.api.helpdesk.Ticket;
import java.util.List;
import java.util.Objects;

/**
 * Response-time figures over a set of tickets: the median time to the first public answer and to
 * solved, in milliseconds (null when no ticket has one yet).
 *
 * @param tickets  how many tickets the figures are over
 * @param answered how many of them have a first response
 * @param solved   how many are solved (or closed after being solved)
 */
public record SupportFigures(int tickets, int answered, int solved, Long medianFirstResponseMs, Long medianResolutionMs) {

    static SupportFigures of(List<Ticket> tickets) {
        List<Long> first = tickets.stream().filter(t -> t.firstResponseAt() != null).map(t -> t.firstResponseAt() - t.createdAt()).toList();
        List<Long> resolved = tickets.stream().map(t -> t.solvedAt() == null ? null : t.solvedAt() - t.createdAt()).filter(Objects::nonNull)
                .toList();
        return new SupportFigures(tickets.size(), first.size(), resolved.size(), median(first), median(resolved));
    }

    /** The middle value; of an even count, the mean of the two middle ones (rounded down). */
    static Long median(List<Long> values) {
        if (values.isEmpty()) {
            return null;
        }
        List<Long> sorted = values.stream().sorted().toList();
        int n = sorted.size();
        return n % 2 == 1 ? sorted.get(n / 2) : Math.floorDiv(sorted.get(n / 2 - 1) + sorted.get(n / 2), 2);
    }

    public String firstResponseText() {
        return text(medianFirstResponseMs);
    }

    public String resolutionText() {
        return text(medianResolutionMs);
    }

    /** "3 d 4 h", "2 h 5 min", "4 min", or "—" when there is nothing to measure. */
    static String text(Long ms) {
        if (ms == null) {
            return "—";
        }
        long minutes = ms / 60_000;
        long days = minutes / (24 * 60);
        long hours = (minutes / 60) % 24;
        long mins = minutes % 60;
        if (days > 0) {
            return days + " d " + hours + " h";
        }
        if (hours > 0) {
            return hours + " h " + mins + " min";
        }
        return Math.max(mins, 0) + " min";
    }
}
