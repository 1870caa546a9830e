package com.mintreu.engine.license.file;

import com.mintreu.engine.license.License;
import com.mintreu.engine.license.LicenseService;
import com.mintreu.engine.license.Machine;
import com.mintreu.engine.license.MachineService;
import com.mintreu.engine.license.Policy;
import com.mintreu.engine.license.PolicyService;
import com.mintreu.engine.web.ApiException;
import com.mintreu.engine.web.Exchange;
import com.mintreu.engine.web.Form;
import com.mintreu.engine.web.Principal;
import com.mintreu.engine.web.Router;
import com.mintreu.engine.web.Routes;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.function.Predicate;
import javax.inject.Inject;

/** What the API and the account page share when they hand out a license or machine file. */
@javax.inject.Singleton
final class LicenseFileDownloads {

    private final MachineService machines;
    private final PolicyService policies;
    private final Clock clock;

    @Inject
    LicenseFileDownloads(MachineService machines, PolicyService policies, Clock clock) {
        this.machines = machines;
        this.policies = policies;
        this.clock = clock;
    }

    /**
     * A machine activated on the license and still holding its slot; 404 otherwise. A machine that
     * missed its heartbeat must activate again, so it gets no file that would outlive that.
     */
    Machine activeMachine(License license, Predicate<Machine> which, String what) {
        Policy policy = policies.forLicense(license);
        long now = clock.millis();
        return machines.of(license.id()).stream().filter(which).filter(m -> !m.deadAt(now, policy)).findFirst()
                .orElseThrow(() -> ApiException.notFound("machine " + what + " on license " + license.id()));
    }

    static void send(Exchange x, String filename, String file) {
        // ids are [a-z0-9_]: nothing in the filename needs quoting
        x.header("Content-Disposition", "attachment; filename=\"" + filename + "\"");
        x.send(200, "text/plain; charset=utf-8", file.getBytes(StandardCharsets.US_ASCII));
    }

}
