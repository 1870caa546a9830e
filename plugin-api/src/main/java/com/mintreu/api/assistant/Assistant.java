package com.mintreu.api.assistant;

import com.mintreu.api.Extension;

/**
 * Composes the answer to a customer's question from passages of the shop's own help: FAQ and
 * knowledge-base articles and the documentation of published products. The engine searches, ranks
 * and picks the passages and then calls the assistant named by {@code assistant.answerer} (its own
 * {@code assistant-retrieval} is built in); a plugin provides another one as an {@code @Extension},
 * for example one that asks a language model.
 *
 * <p><b>What an implementation receives.</b> Only the question, with e-mail addresses, order,
 * license and user ids and key-looking strings already replaced by placeholders, and public
 * passages (text anyone can read on the shop). Never an account, an order or anything else about
 * the person asking; an implementation must not try to obtain it and must not store the question.
 *
 * <p>Called once per question, through the engine's plugin dispatcher with its timeout, and only
 * when at least one passage was found. Any exception (or a timeout) makes the engine show its own
 * retrieval answer instead and say so; throw {@link AssistantException} with a reason an operator
 * can act on.
 */
public interface Assistant extends Extension {

    /**
     * The answer to {@code question}, built from {@link Question#passages()} only. Its sources
     * should be the passages it used; the engine keeps only sources whose URL is one of the
     * passages' (a made-up link is dropped) and falls back to all passages when none is left.
     *
     * @throws AssistantException when no answer could be composed (the service failed, the reply was unusable)
     */
    Answer answer(Question question);
}
