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
 * License and machine files for the license's owner (or an admin) as API calls; anyone else gets
 * 404: {@code POST /api/v1/licenses/{id}/file}, {@code POST /api/v1/licenses/{id}/machines/{fingerprint}/file}
 * (the account page's forms are LicenseFilePages).
 */
final class LicenseFileRoutes implements Routes {

    /** The optional request body; absent fields take their defaults. */
    record FileRequest(Long ttlSeconds, Boolean encrypt) {}

    private final LicenseService licenses;
    private final LicenseFiles files;
    private final LicenseFileDownloads downloads;

    @Inject
    LicenseFileRoutes(LicenseService licenses, LicenseFiles files, LicenseFileDownloads downloads) {
        this.licenses = licenses;
        this.files = files;
        this.downloads = downloads;
    }

    @Override
    public void register(Router router) {
        router.post("/api/v1/licenses/{id}/file", x -> {
            License license = licenses.visibleTo(x.requireUser(), x.pathParam("id"));
            FileRequest request = request(x);
            LicenseFileDownloads.send(x, license.id() + ".lic", files.build(license, ttl(request.ttlSeconds()), Boolean.TRUE.equals(request.encrypt()), null));
        });
        router.post("/api/v1/licenses/{id}/machines/{fingerprint}/file", x -> {
            License license = licenses.visibleTo(x.requireUser(), x.pathParam("id"));
            Machine machine = downloads.activeMachine(license, m -> m.fingerprint().equals(x.pathParam("fingerprint")), "with that fingerprint");
            FileRequest request = request(x);
            LicenseFileDownloads.send(x, license.id() + "-" + machine.id() + ".lic",
                    files.build(license, ttl(request.ttlSeconds()), Boolean.TRUE.equals(request.encrypt()), machine.fingerprint()));
        });
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
