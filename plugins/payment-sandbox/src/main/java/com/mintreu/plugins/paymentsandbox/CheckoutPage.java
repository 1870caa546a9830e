package com.mintreu.plugins.paymentsandbox;

import com.mintreu.api.money.Money;
import com.mintreu.api.money.MoneyText;
import com.mintreu.api.payment.CheckoutLine;

/**
 * The hosted checkout page: self-contained HTML with the engine theme's stylesheet and classes,
 * no script (the engine's CSP forbids inline script, and the page must work without JavaScript).
 * Every value from the request or the database goes through {@link #escape}.
 */
final class CheckoutPage {

    private CheckoutPage() {
    }

    /** The summary and, while the session is open or pending, the Pay / Decline / Pay later form. */
    static String render(Session session, String actionPath, String resendPath, String notice) {
        StringBuilder lines = new StringBuilder();
        for (CheckoutLine line : session.lines()) {
            lines.append("<tr><td>").append(escape(line.name())).append("</td><td>").append(line.quantity())
                    .append("</td><td>").append(escape(MoneyText.format(line.unit()))).append("</td></tr>\n");
        }
        String intro = session.setup()
                ? "<p id=\"setup-intro\">Nothing is charged today: this free trial needs a card saved for the charges after it.</p>" : "";
        String body = """
                <section class="card narrow" aria-labelledby="checkout-title">
                  <h1 id="checkout-title">Sandbox checkout</h1>
                  <p class="muted">A test payment page: no real money moves. Order <code>%s</code>.</p>
                  %s
                  %s
                  <table>
                    <caption>Order summary</caption>
                    <thead><tr><th scope="col">Item</th><th scope="col">Qty</th><th scope="col">Unit price</th></tr></thead>
                    <tbody>
                %s    </tbody>
                    <tfoot><tr><th scope="row" colspan="2">Total</th><td><strong>%s</strong></td></tr></tfoot>
                  </table>
                  %s
                </section>
                """.formatted(escape(session.orderId()), intro, notice == null ? "" : "<p role=\"status\">" + escape(notice) + "</p>",
                lines, escape(MoneyText.format(session.amount())), actions(session, actionPath, resendPath));
        return page("Sandbox checkout", body);
    }

    /** A small page for an unknown session or a refused form. */
    static String message(String title, String text) {
        return page(title, """
                <section class="card narrow" aria-labelledby="msg-title">
                  <h1 id="msg-title">%s</h1>
                  <p>%s</p>
                </section>
                """.formatted(escape(title), escape(text)));
    }

    private static String actions(Session session, String actionPath, String resendPath) {
        String token = "<input type=\"hidden\" name=\"token\" value=\"" + escape(session.formToken()) + "\">";
        if (session.state().acceptsAction()) {
            String pending = session.state() == SessionState.PENDING
                    ? "<p class=\"muted\">You chose to pay later. You can still pay or decline now.</p>" : "";
            String later = session.state() == SessionState.OPEN && !session.setup()
                    ? "<button type=\"submit\" name=\"action\" value=\"later\" class=\"button secondary\">Pay later</button>\n" : "";
            return pending + """
                    <form method="post" action="%s">
                      %s
                      <p><label for="card">Test card</label><input id="card" name="card" type="text" inputmode="numeric" autocomplete="off" value="4242 4242 4242 4242" aria-describedby="card-hint">
                      <span class="hint" id="card-hint">4242 4242 4242 4242 pays; saved, 4000 0000 0000 0341 declines later renewals.</span></p>
                      <p><label><input type="checkbox" name="save" value="on"%s> Save my card for renewals</label></p>
                      <div class="actions">
                        <button type="submit" name="action" value="pay" class="button">%s</button>
                        %s<button type="submit" name="action" value="decline" class="button danger">Decline</button>
                      </div>
                    </form>
                    """.formatted(escape(actionPath), token, session.setup() ? " checked required" : "",
                    session.setup() ? "Save card and start the trial" : "Pay " + escape(MoneyText.format(session.amount())), later);
        }
        return """
                <p>This payment is <strong>%s</strong>. If the shop does not show it yet, send the notification again.</p>
                <form method="post" action="%s">
                  %s
                  <div class="actions"><button type="submit" class="button secondary">Send the notification again</button></div>
                </form>
                """.formatted(session.state() == SessionState.SUCCEEDED ? "paid" : "declined", escape(resendPath), token);
    }

    private static String page(String title, String main) {
        return """
                <!doctype html>
                <html lang="en">
                <head>
                  <meta charset="utf-8">
                  <meta name="viewport" content="width=device-width, initial-scale=1">
                  <meta name="robots" content="noindex">
                  <title>%s · Mintreu sandbox</title>
                  <link rel="stylesheet" href="/static/css/site.css">
                </head>
                <body>
                <main id="main">
                %s</main>
                </body>
                </html>
                """.formatted(escape(title), main);
    }


    /** HTML-escapes text for element content and double-quoted attributes. */
    static String escape(String text) {
        if (text == null) {
            return "";
        }
        StringBuilder out = new StringBuilder(text.length() + 16);
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            switch (c) {
                case '&' -> out.append("&amp;");
                case '<' -> out.append("&lt;");
                case '>' -> out.append("&gt;");
                case '"' -> out.append("&quot;");
                case '\'' -> out.append("&#39;");
                default -> out.append(c);
            }
        }
        return out.toString();
    }
}
