package com.mintreu.plugins.assistantllm;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.mintreu.api.assistant.Passage;
import com.mintreu.api.assistant.Question;
import java.util.List;

/**
 * The chat-completions request for a question: a system message that limits the model to the
 * passages and asks it to cite them as [1], [2]..., and a user message with the numbered passages
 * and the question. Nothing else goes in: no user, no order, no shop data beyond the public passages.
 */
final class ChatPrompt {

    static final String SYSTEM = "You are the help assistant of an online shop. Answer the customer's question using ONLY the "
            + "numbered passages below. Cite every passage you use as [1], [2] and so on. If the passages do not answer the "
            + "question, say so briefly and suggest opening a support ticket. Never invent facts, links, prices or policies. "
            + "Answer in plain text, in the customer's language, in at most a few short paragraphs.";

    private ChatPrompt() {}

    /** The passages that fit {@code maxPassages} and {@code maxCharacters}, in order; the last one may be cut. */
    static List<Passage> fit(List<Passage> passages, int maxPassages, int maxCharacters) {
        List<Passage> out = new java.util.ArrayList<>();
        int left = maxCharacters;
        for (Passage p : passages) {
            if (out.size() == maxPassages || left <= 0) {
                break;
            }
            String text = p.text().length() <= left ? p.text() : p.text().substring(0, left) + "…";
            left -= text.length();
            out.add(new Passage(p.title(), p.url(), text));
        }
        return out;
    }

    static ObjectNode body(ObjectMapper json, String model, Question q, List<Passage> passages) {
        StringBuilder user = new StringBuilder("Passages:\n");
        for (int i = 0; i < passages.size(); i++) {
            Passage p = passages.get(i);
            user.append("\n[").append(i + 1).append("] ").append(p.title()).append(" (").append(p.url()).append(")\n").append(p.text()).append('\n');
        }
        user.append("\nQuestion: ").append(q.text());
        if (q.locale() != null) {
            user.append("\n(The customer reads ").append(q.locale()).append(".)");
        }
        ObjectNode body = json.createObjectNode();
        body.put("model", model);
        body.put("temperature", 0.2);
        ArrayNode messages = body.putArray("messages");
        messages.addObject().put("role", "system").put("content", SYSTEM);
        messages.addObject().put("role", "user").put("content", user.toString());
        return body;
    }
}
