/**
 * The assistant SPI: composing an answer to a customer's question from passages the engine found
 * ({@link com.mintreu.api.assistant.Assistant}). The engine does the retrieval and the privacy
 * filtering; an assistant only composes.
 */
package com.mintreu.api.assistant;
