/**
 * The engine: one package per feature, over a few infrastructure packages.
 *
 * <p><b>Layering</b> (checked by {@code arch.BoundaryTest}):
 * <ul>
 *   <li><b>Infrastructure</b> — {@code config}, {@code db}, {@code plugin}, {@code security},
 *       {@code web}: any feature may use them; they use no feature (they may use each other).</li>
 *   <li><b>Features</b> — every other package ({@code account}, {@code catalog}, {@code checkout},
 *       {@code order}, {@code entitlement}, {@code license}, {@code ledger}, {@code notify},
 *       {@code audit}, {@code jobs}, {@code admin}, {@code demo}, {@code storefront}, {@code cli}):
 *       the imports between them form no cycle. A feature that must react to another subscribes
 *       to its domain event ({@code com.mintreu.api.event}, written to the outbox with the
 *       change, see {@code notify.OutboxDispatcher}); a feature that must act inside another's
 *       transaction gets an interface it owns implemented and contributed by the other (e.g.
 *       {@code entitlement.LicenseKeys}, implemented in {@code license}).</li>
 *   <li>The root package wires it all ({@code EngineComponent}, {@code Engine}).</li>
 * </ul>
 *
 * <p><b>Transactions.</b> Services open them with {@code db.Tx}; a service called inside another's
 * transaction joins it, so no public service method takes a Jdbi {@code Handle}. Stores (SQL) take
 * the handle and stay package-private.
 */
package com.mintreu.engine;
