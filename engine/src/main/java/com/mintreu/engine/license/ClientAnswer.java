package com.mintreu.engine.license;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.List;

/**
 * Answers of the license client API, always HTTP 200 for a JSON body: {@code valid} (validate) or
 * {@code ok} (machine and seat actions), a stable {@link ValidationCode}, a human detail, the request's
 * nonce echoed and the server time. {@code license} is null unless the key is one the engine issued.
 */
final class ClientAnswer {

    private ClientAnswer() {}

    /**
     * What a license client learns about the license: no customer data. Times are epoch ms.
     * {@code users} is the seats held, {@code maxUsers} the policy's cap (null, so absent: unlimited).
     */
    record LicenseInfo(String id, String status, Long expiresAt, String product, List<String> entitlements, int machines, int maxMachines,
            int users, Integer maxUsers) {}

    /** A machine as its license client (or the license's owner) sees it. Times are epoch ms. */
    record MachineView(String id, String fingerprint, String name, String platform, String hostname, Integer cores, long createdAt,
            long lastHeartbeatAt) {
        static MachineView of(Machine m) {
            return new MachineView(m.id(), m.fingerprint(), m.name(), m.platform(), m.hostname(), m.cores(), m.createdAt(), m.lastHeartbeatAt());
        }
    }

    /** A seat as its license client (or the license's owner) sees it: the user as first claimed. Times are epoch ms. */
    record SeatView(String id, String user, long createdAt) {
        static SeatView of(Seat s) {
            return new SeatView(s.id(), s.user(), s.createdAt());
        }
    }

    record Validate(boolean valid, ValidationCode code, String detail, String nonce, String ts, LicenseInfo license) {}

    @JsonInclude(JsonInclude.Include.NON_NULL)
    record Action(boolean ok, ValidationCode code, String detail, String nonce, String ts, LicenseInfo license, MachineView machine,
            List<MachineView> machines, SeatView user, List<SeatView> users) {

        /** A machine or check-in answer: no seat fields. */
        Action(boolean ok, ValidationCode code, String detail, String nonce, String ts, LicenseInfo license, MachineView machine,
                List<MachineView> machines) {
            this(ok, code, detail, nonce, ts, license, machine, machines, null, null);
        }
    }
}
