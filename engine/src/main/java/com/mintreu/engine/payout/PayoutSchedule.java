package com.mintreu.engine.payout;

import com.mintreu.api.money.Money;
import com.mintreu.engine.config.PayoutsConfig;
import com.mintreu.engine.jobs.JobScheduler;
import com.mintreu.engine.ledger.Balance;
import com.mintreu.engine.ledger.Ledger;
import com.mintreu.engine.ledger.NextPayout;
import com.mintreu.engine.ledger.PayoutOutlook;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import javax.inject.Inject;

/**
 * The next payout for the dashboards: when the scheduled {@code payout-run} job runs next, and the
 * account's available balance per currency, which that run pays when it reaches
 * {@code payouts.minimumMinor} (the open entries a run pays always sum to the available balance).
 */
final class PayoutSchedule implements PayoutOutlook {

    private final JobScheduler jobs;
    private final Ledger ledger;
    private final PayoutsConfig config;

    @Inject
    PayoutSchedule(JobScheduler jobs, Ledger ledger, PayoutsConfig config) {
        this.jobs = jobs;
        this.ledger = ledger;
        this.config = config;
    }

    @Override
    public Optional<NextPayout> next(String account) {
        List<NextPayout.Amount> amounts = new ArrayList<>();
        for (Balance b : ledger.balances(account).values()) {
            Money available = b.available();
            Money minimum = Money.of(config.minimumMinor(), available.currency());
            amounts.add(new NextPayout.Amount(available, minimum, available.minor() >= config.minimumMinor()));
        }
        return Optional.of(new NextPayout(jobs.nextRun(PayoutJob.NAME), amounts));
    }
}
