package com.mintreu.engine.web;

import java.util.Map;

/** The assistant in {@link ApiWalkTest}: an anonymous and a signed-in question, wrong input, and the kill switch's 503. */
final class AssistantWalk {

    private AssistantWalk() {}

    static void walk(Walkers p) {
        ApiWalk w = p.w();
        String path = "/api/v1/assistant/answers";
        w.post(p.anon(), path, Map.of("question", "How do I download what I bought?"), 200);
        w.post(p.customer().client(), path, Map.of("question", "icons"), 200);
        w.post(p.anon(), path, Map.of("question", " "), 422);
        w.check("POST", path, 400, p.anon().post(path, "application/json", "{not json"));
        w.check("POST", path, 415, p.customer().client().post(path, "text/plain", "question=x"));
        p.admin().putJson("/api/v1/admin/switches/assistant", Map.of("engaged", true, "reason", "walk"));
        try {
            w.post(p.anon(), path, Map.of("question", "icons"), 503);
        } finally {
            p.admin().putJson("/api/v1/admin/switches/assistant", Map.of("engaged", false, "reason", "walk"));
        }
    }
}
