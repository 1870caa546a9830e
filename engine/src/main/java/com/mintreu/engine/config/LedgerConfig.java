package com.mintreu.engine.config;

import com.mintreu.api.config.Setting;
import com.mintreu.api.config.Validated;
import com.mintreu.config.ConfigBinder;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/** The money ledger: how long a seller's share of a sale stays pending before it may be paid out. */
public record LedgerConfig(
        @Setting(help = "how long a seller's share stays pending after a sale (the refund window) before it is available for payout")
        Duration sellerHold) implements Validated {

    static LedgerConfig defaults() {
        return new LedgerConfig(Duration.ofDays(14));
    }

    @Override
    public List<Problem> problems() {
        List<Problem> out = new ArrayList<>();
        if (sellerHold.isNegative() || sellerHold.compareTo(Duration.ofDays(366)) > 0) {
            out.add(new Problem("sellerHold", "expected 0 to 366 days, got " + ConfigBinder.formatDuration(sellerHold)));
        }
        return out;
    }
}
