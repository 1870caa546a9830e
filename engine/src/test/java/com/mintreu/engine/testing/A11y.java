package com.mintreu.engine.testing;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;

/**
 * An accessibility check of one rendered page, for the rules a server-rendered page can get wrong
 * and a test can decide from the HTML alone (WCAG 2.1 success criteria in brackets): a language
 * and a title [3.1.1, 2.4.2], one h1 and no skipped heading level going down [1.3.1], a name for
 * every form control, button, link and image [1.1.1, 4.1.2, 2.4.4], unique ids [4.1.1], no
 * positive tabindex [2.4.3], header cells in data tables [1.3.1] and a text alternative for inline
 * SVG charts [1.1.1]. Colour contrast and keyboard traps need a browser and are not checked here.
 * {@link #check} returns the problems, each naming the element; an empty list is a pass.
 */
public final class A11y {

    private A11y() {}

    /** The problems of a whole page's HTML; empty when it passes. */
    public static List<String> check(String html) {
        Document doc = Jsoup.parse(html);
        List<String> problems = new ArrayList<>();
        if (doc.selectFirst("html[lang]") == null || doc.selectFirst("html").attr("lang").isBlank()) {
            problems.add("<html> has no lang");
        }
        if (doc.title().isBlank()) {
            problems.add("the page has no <title>");
        }
        headings(doc, problems);
        controls(doc, problems);
        for (Element img : doc.select("img:not([alt])")) {
            problems.add("image without alt: " + brief(img));
        }
        for (Element b : doc.select("button")) {
            if (b.text().isBlank() && !named(b)) {
                problems.add("button without a name: " + brief(b));
            }
        }
        for (Element a : doc.select("a[href]")) {
            boolean imageName = !a.select("img[alt]").isEmpty() && !a.select("img[alt]").attr("alt").isBlank();
            if (a.text().isBlank() && !named(a) && !imageName) {
                problems.add("link without text: " + brief(a));
            }
        }
        Set<String> ids = new HashSet<>();
        for (Element e : doc.select("[id]")) {
            if (!ids.add(e.id())) {
                problems.add("duplicate id \"" + e.id() + "\"");
            }
        }
        for (Element e : doc.select("[tabindex]")) {
            if (e.attr("tabindex").matches("\\s*[1-9][0-9]*\\s*")) {
                problems.add("positive tabindex: " + brief(e));
            }
        }
        for (Element t : doc.select("table:not([role=presentation])")) {
            if (t.select("th").isEmpty()) {
                problems.add("data table without header cells: " + brief(t));
            }
        }
        for (Element svg : doc.select("svg")) {
            boolean hidden = "true".equals(svg.attr("aria-hidden"));
            if (!hidden && !named(svg) && svg.selectFirst("title") == null) {
                problems.add("svg without a text alternative: " + brief(svg));
            }
        }
        return problems;
    }

    private static void headings(Document doc, List<String> problems) {
        int h1 = doc.select("h1").size();
        if (h1 != 1) {
            problems.add("the page has " + h1 + " <h1> elements, expected one");
        }
        int previous = 0;
        for (Element h : doc.select("h1, h2, h3, h4, h5, h6")) {
            int level = h.tagName().charAt(1) - '0';
            if (previous > 0 && level > previous + 1) {
                problems.add("heading level skipped: <h" + previous + "> then " + brief(h));
            }
            previous = level;
        }
    }

    private static void controls(Document doc, List<String> problems) {
        for (Element c : doc.select("input, select, textarea")) {
            String type = c.attr("type").toLowerCase();
            if (c.tagName().equals("input") && Set.of("hidden", "submit", "button", "reset", "image").contains(type)) {
                if (!type.equals("hidden") && c.attr("value").isBlank() && !named(c)) {
                    problems.add("button without a name: " + brief(c));
                }
                continue;
            }
            boolean labelled = named(c)
                    || c.parents().stream().anyMatch(p -> p.tagName().equals("label"))
                    || (!c.id().isEmpty() && doc.selectFirst("label[for=" + cssEscape(c.id()) + "]") != null);
            if (!labelled) {
                problems.add("form control without a label: " + brief(c));
            }
        }
    }

    private static boolean named(Element e) {
        return !e.attr("aria-label").isBlank() || !e.attr("aria-labelledby").isBlank() || !e.attr("title").isBlank();
    }

    private static String cssEscape(String id) {
        return "\"" + id.replace("\\", "\\\\").replace("\"", "\\\"") + "\"";
    }

    private static String brief(Element e) {
        String html = e.outerHtml().replaceAll("\\s+", " ");
        return html.length() <= 120 ? html : html.substring(0, 117) + "...";
    }
}
