package com.mintreu.engine.checkout;

import com.mintreu.engine.web.Exchange;

/** Whose cart a request works on; the API and the pages share one rule. */
final class CartOwner {

    private CartOwner() {}

    /** The signed-in customer's cart, else the browser session's (a guest cart starts a session). */
    static String of(Exchange x) {
        return x.principal().map(p -> CartService.userOwner(p.userId())).orElseGet(() -> CartService.sessionOwner(x.session()));
    }
}
