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

/**
 * License and machine files for the license's owner (or an admin); anyone else gets 404:
 * {@code POST /api/v1/licenses/{id}/file}, {@code POST /api/v1/licenses/{id}/machines/{fingerprint}/file},
 * and the account page forms {@code POST /account/licenses/{id}/file} and
 * {@code POST /account/licenses/{id}/machines/{machineId}/file}.
 */
final class LicenseFileRoutes implements Routes {

    /** The optional request body; absent fields take their defaults. */
    record FileRequest(Long ttlSeconds, Boolean encrypt) {}

    private final LicenseService licenses;
    private final MachineService machines;
    private final PolicyService policies;
    private final LicenseFiles files;
    private final Clock clock;

    @Inject
    LicenseFileRoutes(LicenseService licenses, MachineService machines, PolicyService policies, LicenseFiles files, Clock clock) {
        this.licenses = licenses;
        this.machines = machines;
        this.policies = policies;
        this.files = files;
        this.clock = clock;
    }

    @Override
    public void register(Router router) {
        router.post("/api/v1/licenses/{id}/file", x -> {
            License license = licenses.visibleTo(x.requireUser(), x.pathParam("id"));
            FileRequest request = request(x);
            send(x, license.id() + ".lic", files.build(license, ttl(request.ttlSeconds()), Boolean.TRUE.equals(request.encrypt()), null));
        });
        router.post("/api/v1/licenses/{id}/machines/{fingerprint}/file", x -> {
            License license = licenses.visibleTo(x.requireUser(), x.pathParam("id"));
            Machine machine = activeMachine(license, m -> m.fingerprint().equals(x.pathParam("fingerprint")), "with that fingerprint");
            FileRequest request = request(x);
            send(x, license.id() + "-" + machine.id() + ".lic",
                    files.build(license, ttl(request.ttlSeconds()), Boolean.TRUE.equals(request.encrypt()), machine.fingerprint()));
        });
        router.post("/account/licenses/{id}/file", x -> {
            Principal caller = x.requireUser();
            Form form = x.form();
            License license = licenses.visibleTo(caller, x.pathParam("id"));
            send(x, license.id() + ".lic", files.build(license, LicenseFiles.DEFAULT_TTL, checked(form), null));
        });
        router.post("/account/licenses/{id}/machines/{machineId}/file", x -> {
            Principal caller = x.requireUser();
            Form form = x.form();
            License license = licenses.visibleTo(caller, x.pathParam("id"));
            Machine machine = activeMachine(license, m -> m.id().equals(x.pathParam("machineId")), x.pathParam("machineId"));
            send(x, license.id() + "-" + machine.id() + ".lic", files.build(license, LicenseFiles.DEFAULT_TTL, checked(form), machine.fingerprint()));
        });
    }

    /**
     * A machine activated on the license and still holding its slot; 404 otherwise. A machine that
     * missed its heartbeat must activate again, so it gets no file that would outlive that.
     */
    private Machine activeMachine(License license, Predicate<Machine> which, String what) {
        Policy policy = policies.forPlan(license.planId());
        long now = clock.millis();
        return machines.of(license.id()).stream().filter(which).filter(m -> !m.deadAt(now, policy)).findFirst()
                .orElseThrow(() -> ApiException.notFound("machine " + what + " on license " + license.id()));
    }

    private static boolean checked(Form form) {
        return form.get("encrypt").filter(v -> !v.isEmpty()).isPresent();
    }

    private static void send(Exchange x, String filename, String file) {
        // ids are [a-z0-9_]: nothing in the filename needs quoting
        x.header("Content-Disposition", "attachment; filename=\"" + filename + "\"");
        x.send(200, "text/plain; charset=utf-8", file.getBytes(StandardCharsets.US_ASCII));
    }

    // an empty body is allowed (all defaults); a body that is there must be valid JSON of this shape
    private static FileRequest request(Exchange x) throws IOException {
        boolean hasBody = x.raw().getRequestContentLength() > 0 || x.header("Transfer-Encoding").isPresent();
        return hasBody ? x.bodyJson(FileRequest.class) : new FileRequest(null, null);
    }

    static Duration ttl(Long seconds) {
        if (seconds == null) {
            return LicenseFiles.DEFAULT_TTL;
        }
        if (seconds < LicenseFiles.MIN_TTL.toSeconds() || seconds > LicenseFiles.MAX_TTL.toSeconds()) {
            throw ApiException.invalid(List.of(new ApiException.FieldError("ttlSeconds",
                    "must be between " + LicenseFiles.MIN_TTL.toSeconds() + " (1 hour) and " + LicenseFiles.MAX_TTL.toSeconds() + " (1 year)")));
        }
        return Duration.ofSeconds(seconds);
    }
}
