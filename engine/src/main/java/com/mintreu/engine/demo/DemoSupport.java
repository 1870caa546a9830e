package com.mintreu.engine.demo;

import com.mintreu.engine.catalog.CatalogService;
import com.mintreu.engine.catalog.Product;
import com.mintreu.engine.support.OpenRequest;
import com.mintreu.engine.support.SupportService;
import com.mintreu.engine.web.ApiException;
import com.mintreu.engine.web.Principal;
import java.util.List;
import javax.inject.Inject;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The demo's answered ticket: the demo customer asks about Focus Timer Pro from its product page and
 * the seller answers, through {@link SupportService} like the pages do, so the customer's tickets,
 * the seller's inbox and its response-time figures show something on first start. Seeded once (when
 * the customer has no ticket yet); skipped when the helpdesk is not running or support is switched off.
 */
final class DemoSupport {

    private static final Logger LOG = LoggerFactory.getLogger(DemoSupport.class);
    static final String SUBJECT = "Does the license work on my laptop and my desktop?";

    private final SupportService support;
    private final CatalogService catalog;

    @Inject
    DemoSupport(SupportService support, CatalogService catalog) {
        this.support = support;
        this.catalog = catalog;
    }

    void seed(Principal customer, Principal seller) {
        try {
            if (!support.mine(customer, null, 1).data().isEmpty()) {
                return;
            }
            List<Product> timer = catalog.sellerProducts(seller).stream().filter(p -> p.title().equals("Focus Timer Pro")).toList();
            if (timer.isEmpty()) {
                return;
            }
            String ticket = support.open(customer, new OpenRequest(SUBJECT, """
                    Hi! Before I buy the personal license: I work on a laptop during the week and on a desktop at home.
                    Can I use one key on both, or do I need two?""", null, null, timer.get(0).id()), List.of()).id();
            support.reply(seller, ticket, """
                    Hi Casey, one personal license covers all your own devices: activate the same key on the laptop and
                    the desktop (Settings → License). Only the Team license is needed when other people use it too.""",
                    false, List.of());
        } catch (ApiException e) {
            LOG.warn("demo support ticket not seeded: {}", e.getMessage());
        }
    }
}
