package com.mintreu.engine.license;

import com.fasterxml.jackson.databind.JsonNode;
import com.mintreu.engine.web.Router;
import com.mintreu.engine.web.Routes;
import java.util.function.Function;
import javax.inject.Inject;

/**
 * The license client API. The key in the body is the credential, so these are anonymous routes.
 * Wrong content type, invalid JSON and text no database can store are 4xx problem+json like any API body; any other JSON is
 * answered 200 with a code (MALFORMED for a request these endpoints do not understand), so a
 * client switches on {@code code} and never on the HTTP status. The one exception: an IP that sent
 * too many unknown keys is answered 429 for keys that were never issued (see {@link KeyMissLimit}).
 */
final class LicenseClientRoutes implements Routes {

    private final LicenseClientService service;
    private final KeyMissLimit misses;

    @Inject
    LicenseClientRoutes(LicenseClientService service, KeyMissLimit misses) {
        this.service = service;
        this.misses = misses;
    }

    @Override
    public void register(Router router) {
        router.post("/api/v1/licenses/validate", x -> {
            JsonNode body = x.bodyJson(JsonNode.class);
            ClientRequest r;
            try {
                r = ClientRequest.parse(body, ClientRequest.Shape.VALIDATE);
            } catch (ClientRequest.Malformed m) {
                answer(x, service.malformed(ClientRequest.nonceOf(body), m.getMessage()));
                return;
            }
            misses.check(x.clientIp(), r.key());
            ClientAnswer.Validate answer = service.validate(r);
            if (answer.code() == ValidationCode.NOT_FOUND) {
                misses.missed(x.clientIp());
            }
            answer(x, answer);
        });
        action(router, "/api/v1/licenses/machines/activate", ClientRequest.Shape.ACTIVATE, service::activate);
        action(router, "/api/v1/licenses/machines/deactivate", ClientRequest.Shape.MACHINE, service::deactivate);
        action(router, "/api/v1/licenses/machines/heartbeat", ClientRequest.Shape.MACHINE, service::heartbeat);
        action(router, "/api/v1/licenses/machines/list", ClientRequest.Shape.KEY_ONLY, service::list);
        action(router, "/api/v1/licenses/check-in", ClientRequest.Shape.KEY_ONLY, service::checkIn);
        action(router, "/api/v1/licenses/users/add", ClientRequest.Shape.USER, service::addUser);
        action(router, "/api/v1/licenses/users/remove", ClientRequest.Shape.USER, service::removeUser);
        action(router, "/api/v1/licenses/users/list", ClientRequest.Shape.KEY_ONLY, service::listUsers);
    }

    private void action(Router router, String path, ClientRequest.Shape shape, Function<ClientRequest, ClientAnswer.Action> call) {
        router.post(path, x -> {
            JsonNode body = x.bodyJson(JsonNode.class);
            ClientRequest r;
            try {
                r = ClientRequest.parse(body, shape);
            } catch (ClientRequest.Malformed m) {
                answer(x, service.malformedAction(ClientRequest.nonceOf(body), m.getMessage()));
                return;
            }
            misses.check(x.clientIp(), r.key());
            ClientAnswer.Action answer = call.apply(r);
            if (answer.code() == ValidationCode.NOT_FOUND) {
                misses.missed(x.clientIp());
            }
            answer(x, answer);
        });
    }

    /** The protocol's own format: times stay epoch milliseconds (README-signatures.md). */
    private static void answer(com.mintreu.engine.web.Exchange x, Object body) throws java.io.IOException {
        x.send(200, "application/json", com.mintreu.engine.web.Json.EPOCH_MILLIS.writeValueAsBytes(body));
    }
}
