package com.mintreu.engine.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.Test;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

/** The SVG is well-formed XML, accessible (role, title, desc), scaled to a round axis, and escapes every text. */
public class SvgBarChartTest {

    public static Document parse(String svg) throws Exception {
        DocumentBuilderFactory f = DocumentBuilderFactory.newInstance();
        f.setNamespaceAware(true);
        f.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
        return f.newDocumentBuilder().parse(new ByteArrayInputStream(svg.getBytes(StandardCharsets.UTF_8)));
    }

    public static List<Element> byClass(Document d, String tag, String cls) {
        NodeList all = d.getElementsByTagNameNS("http://www.w3.org/2000/svg", tag);
        List<Element> out = new ArrayList<>();
        for (int i = 0; i < all.getLength(); i++) {
            Element e = (Element) all.item(i);
            if (e.getAttribute("class").equals(cls)) {
                out.add(e);
            }
        }
        return out;
    }

    @Test
    void barsAreScaledToARoundAxisWithLabelsAndAnAccessibleName() throws Exception {
        String svg = SvgBarChart.render("c1", "Units per day", "Three days of usage.", "units",
                List.of(new SvgBarChart.Bar("12-01", 10), new SvgBarChart.Bar("12-02", 35), new SvgBarChart.Bar("12-03", 0)));
        Document d = parse(svg);
        Element root = d.getDocumentElement();
        assertThat(root.getAttribute("role")).isEqualTo("img");
        assertThat(root.getAttribute("aria-labelledby")).isEqualTo("c1-title c1-desc");
        assertThat(d.getElementsByTagNameNS("http://www.w3.org/2000/svg", "title").item(0).getTextContent()).isEqualTo("Units per day");
        assertThat(d.getElementsByTagNameNS("http://www.w3.org/2000/svg", "desc").item(0).getTextContent()).isEqualTo("Three days of usage.");

        List<Element> bars = byClass(d, "rect", "bar");
        assertThat(bars).hasSize(3);
        assertThat(bars.stream().map(b -> b.getAttribute("data-value")).toList()).containsExactly("10", "35", "0");
        // 35 rounds up to an axis of 40 (grid 0, 10, 20, 30, 40): the 10 bar is a quarter of the plot, the 35 bar 7/8
        double plot = SvgBarChart.HEIGHT - SvgBarChart.TOP - SvgBarChart.BOTTOM;
        assertThat(Double.parseDouble(bars.get(0).getAttribute("height"))).isCloseTo(plot / 4, org.assertj.core.data.Offset.offset(0.1));
        assertThat(Double.parseDouble(bars.get(1).getAttribute("height"))).isCloseTo(plot * 35 / 40, org.assertj.core.data.Offset.offset(0.1));
        assertThat(Double.parseDouble(bars.get(2).getAttribute("height"))).isZero();
        assertThat(bars.get(1).getTextContent()).isEqualTo("12-02: 35 units");
        assertThat(byClass(d, "text", "y-label").stream().map(Element::getTextContent).toList()).containsExactly("0", "10", "20", "30", "40");
        assertThat(byClass(d, "text", "x-label").stream().map(Element::getTextContent).toList()).containsExactly("12-01", "12-02", "12-03");
        assertThat(byClass(d, "text", "empty")).isEmpty();
    }

    @Test
    void manyBarsGetThinnedLabelsAndLargeValuesGroupedDigits() throws Exception {
        List<SvgBarChart.Bar> bars = new ArrayList<>();
        for (int i = 0; i < 30; i++) {
            bars.add(new SvgBarChart.Bar("d" + i, i * 1_000_000L));
        }
        Document d = parse(SvgBarChart.render("c2", "t", "d", "units", bars));
        assertThat(byClass(d, "rect", "bar")).hasSize(30);
        assertThat(byClass(d, "text", "x-label")).hasSizeLessThanOrEqualTo(SvgBarChart.MAX_X_LABELS).first()
                .extracting(Element::getTextContent).isEqualTo("d0");
        assertThat(byClass(d, "text", "y-label").getLast().getTextContent()).isEqualTo("40,000,000");
    }

    @Test
    void everyTextIsEscapedAndAnEmptyChartSaysSo() throws Exception {
        String svg = SvgBarChart.render("c3\"", "<script>alert(1)</script> & co", "it's \"quoted\"", "u<nits>",
                List.of(new SvgBarChart.Bar("<b>", 0)));
        assertThat(svg).doesNotContain("<script>").doesNotContain("<b>");
        Document d = parse(svg);
        assertThat(d.getElementsByTagNameNS("http://www.w3.org/2000/svg", "title").item(0).getTextContent())
                .isEqualTo("<script>alert(1)</script> & co");
        assertThat(byClass(d, "text", "empty").getFirst().getTextContent()).isEqualTo("No data in this range");
        assertThat(parse(SvgBarChart.render("c4", "t", "d", "units", List.of())).getDocumentElement().getAttribute("role")).isEqualTo("img");
    }

    @Test
    void theAxisTopIsTheSmallestRoundNumberHoldingTheMaximum() {
        assertThat(SvgBarChart.niceMax(0)).isEqualTo(4);
        assertThat(SvgBarChart.niceMax(1)).isEqualTo(4);
        assertThat(SvgBarChart.niceMax(5)).isEqualTo(8);
        assertThat(SvgBarChart.niceMax(40)).isEqualTo(40);
        assertThat(SvgBarChart.niceMax(41)).isEqualTo(80);
        assertThat(SvgBarChart.niceMax(1537)).isEqualTo(2000);
        for (long v = 1; v < 100_000; v += 37) {
            long top = SvgBarChart.niceMax(v);
            assertThat(top).isGreaterThanOrEqualTo(v).isLessThanOrEqualTo(Math.max(8, v * 5 / 2 + 4));
            assertThat(top % SvgBarChart.GRID_LINES).isZero();
        }
        assertThatThrownBy(() -> new SvgBarChart.Bar("x", -1)).isInstanceOf(IllegalArgumentException.class);
    }
}
