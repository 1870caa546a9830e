package com.mintreu.engine.license.file;

import com.mintreu.engine.license.License;
import com.mintreu.engine.license.LicenseService;
import com.mintreu.engine.web.ApiException;
import com.mintreu.engine.web.Exchange;
import com.mintreu.engine.web.Router;
import com.mintreu.engine.web.Routes;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import javax.inject.Inject;

/** {@code POST /api/v1/licenses/{id}/file}: the license's owner (or an admin) downloads a signed license file. */
final class LicenseFileRoutes implements Routes {

    /** The optional request body; absent fields take their defaults. */
    record FileRequest(Long ttlSeconds, Boolean encrypt) {}

    private final LicenseService licenses;
    private final LicenseFiles files;

    @Inject
    LicenseFileRoutes(LicenseService licenses, LicenseFiles files) {
        this.licenses = licenses;
        this.files = files;
    }

    @Override
    public void register(Router router) {
        router.post("/api/v1/licenses/{id}/file", x -> {
            License license = licenses.visibleTo(x.requireUser(), x.pathParam("id"));
            FileRequest request = request(x);
            Duration ttl = ttl(request.ttlSeconds());
            String file = files.build(license, ttl, Boolean.TRUE.equals(request.encrypt()), null);
            x.header("Content-Disposition", "attachment; filename=\"license.lic\"");
            x.send(200, "text/plain; charset=utf-8", file.getBytes(StandardCharsets.US_ASCII));
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
