package com.mintreu.api.assistant;

/**
 * An {@link Assistant} could not compose an answer: the service it calls failed, timed out or sent
 * something unusable. The engine answers with its own retrieval answer instead. The message is for
 * the operator's log: it must not contain secrets (API keys) or the question.
 */
public class AssistantException extends RuntimeException {

    public AssistantException(String message) {
        super(message);
    }

    public AssistantException(String message, Throwable cause) {
        super(message, cause);
    }
}
