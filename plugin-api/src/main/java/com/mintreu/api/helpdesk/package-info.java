/**
 * The helpdesk's seam: where support tickets and their replies live ({@code Helpdesk}) and where the
 * FAQ and knowledge base articles are kept and searched ({@code KnowledgeBase}). The engine checks who
 * may see and do what, sends the mails and enforces the {@code support} kill switch; an implementation
 * only stores and finds. {@code helpdesk-builtin} keeps both in the shop's own database; another plugin
 * could bridge to an external helpdesk through the same interfaces.
 */
package com.mintreu.api.helpdesk;
