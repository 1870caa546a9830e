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
 * The account page's forms for a license file and a machine file:
 * {@code POST /account/licenses/{id}/file} and {@code POST /account/licenses/{id}/machines/{machineId}/file}.
 */
final class LicenseFilePages implements Routes {

    private final LicenseService licenses;
    private final LicenseFiles files;
    private final LicenseFileDownloads downloads;

    @Inject
    LicenseFilePages(LicenseService licenses, LicenseFiles files, LicenseFileDownloads downloads) {
        this.licenses = licenses;
        this.files = files;
        this.downloads = downloads;
    }

    @Override
    public void register(Router router) {
        router.post("/account/licenses/{id}/file", x -> {
            Principal caller = x.requireUser();
            Form form = x.form();
            License license = licenses.visibleTo(caller, x.pathParam("id"));
            LicenseFileDownloads.send(x, license.id() + ".lic", files.build(license, LicenseFiles.DEFAULT_TTL, checked(form), null));
        });
        router.post("/account/licenses/{id}/machines/{machineId}/file", x -> {
            Principal caller = x.requireUser();
            Form form = x.form();
            License license = licenses.visibleTo(caller, x.pathParam("id"));
            Machine machine = downloads.activeMachine(license, m -> m.id().equals(x.pathParam("machineId")), x.pathParam("machineId"));
            LicenseFileDownloads.send(x, license.id() + "-" + machine.id() + ".lic", files.build(license, LicenseFiles.DEFAULT_TTL, checked(form), machine.fingerprint()));
        });
    }

    private static boolean checked(Form form) {
        return form.get("encrypt").filter(v -> !v.isEmpty()).isPresent();
    }

}
