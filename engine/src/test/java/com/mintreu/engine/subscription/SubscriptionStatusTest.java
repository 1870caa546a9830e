package com.mintreu.engine.subscription;

import static com.mintreu.engine.subscription.SubscriptionStatus.ACTIVE;
import static com.mintreu.engine.subscription.SubscriptionStatus.CANCELED;
import static com.mintreu.engine.subscription.SubscriptionStatus.PAST_DUE;
import static com.mintreu.engine.subscription.SubscriptionStatus.PAUSED;
import static com.mintreu.engine.subscription.SubscriptionStatus.TRIALING;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.Size;

/** The subscription state machine's table, as the README writes it down, and what it guarantees on any path. */
class SubscriptionStatusTest {

    /** The README's table once more: a change to the code's table must be a change here too. */
    private static final Map<SubscriptionStatus, Set<SubscriptionStatus>> README = Map.of(
            TRIALING, EnumSet.of(ACTIVE, PAST_DUE, CANCELED),
            ACTIVE, EnumSet.of(PAST_DUE, PAUSED, CANCELED),
            PAST_DUE, EnumSet.of(ACTIVE, CANCELED),
            PAUSED, EnumSet.of(ACTIVE, CANCELED),
            CANCELED, EnumSet.noneOf(SubscriptionStatus.class));

    @Property
    void everyMoveIsAllowedExactlyWhenTheTableSaysSo(@ForAll SubscriptionStatus from, @ForAll SubscriptionStatus to) {
        assertThat(from.canMoveTo(to)).as(from + " -> " + to).isEqualTo(README.get(from).contains(to));
    }

    /**
     * Whatever moves are asked for, in any order, a subscription that follows the table never
     * leaves canceled, never goes back to trialing, and only reaches paused from active.
     */
    @Property
    void alongAnyPathCanceledIsFinalAndTrialingNeverComesBack(@ForAll @Size(max = 30) List<SubscriptionStatus> attempts) {
        SubscriptionStatus at = TRIALING;
        boolean canceled = false;
        for (SubscriptionStatus attempt : attempts) {
            if (!at.canMoveTo(attempt)) {
                continue; // refused: not applied
            }
            assertThat(attempt).as("trialing is only where a subscription starts").isNotEqualTo(TRIALING);
            if (attempt == PAUSED) {
                assertThat(at).isEqualTo(ACTIVE);
            }
            at = attempt;
            canceled |= at == CANCELED;
            if (canceled) {
                assertThat(at).as("nothing leaves canceled").isEqualTo(CANCELED);
            }
        }
    }

    @Property
    void idsRoundTrip(@ForAll SubscriptionStatus status) {
        assertThat(SubscriptionStatus.of(status.id())).isEqualTo(status);
    }
}
