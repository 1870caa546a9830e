/** The built-in helpdesk: tickets ({@code Helpdesk}) and articles ({@code KnowledgeBase}) in tables prefixed {@code helpdesk_builtin_}. */
package com.mintreu.plugins.helpdesk;
