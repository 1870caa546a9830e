package com.mintreu.engine.web;

import java.util.List;
import java.util.Locale;
import java.util.Objects;

/**
 * A bar chart as an SVG string, drawn on the server so it reads without JavaScript: one series of
 * (label, value) bars, a y axis from 0 to a round maximum with labelled grid lines, x labels
 * (thinned when there are many bars), and for assistive technology {@code role="img"} with a
 * {@code <title>} and {@code <desc>} (plus a {@code <title>} per bar, shown as a tooltip). Pages
 * should still print the numbers as a table beside it: a chart is not a text alternative for
 * exact values. Every text is XML-escaped; a page embeds the result unescaped ({@code | raw}).
 */
public final class SvgBarChart {

    /** One bar. */
    public record Bar(String label, long value) {

        public Bar {
            Objects.requireNonNull(label, "label");
            if (value < 0) {
                throw new IllegalArgumentException("a bar's value must be at least 0, got " + value);
            }
        }
    }

    static final int WIDTH = 720;
    static final int HEIGHT = 280;
    static final int LEFT = 72;
    static final int RIGHT = 16;
    static final int TOP = 16;
    static final int BOTTOM = 48;
    static final int MAX_X_LABELS = 12;
    static final int GRID_LINES = 4;

    private SvgBarChart() {}

    /**
     * The chart. {@code id} makes the title/desc ids unique on a page; {@code unit} names what the
     * values count ("units"), used in the axis caption and each bar's tooltip.
     */
    public static String render(String id, String title, String description, String unit, List<Bar> bars) {
        long highest = bars.stream().mapToLong(Bar::value).max().orElse(0);
        long max = niceMax(highest);
        int plotW = WIDTH - LEFT - RIGHT;
        int plotH = HEIGHT - TOP - BOTTOM;
        StringBuilder s = new StringBuilder(1024 + bars.size() * 160);
        s.append("<svg xmlns=\"http://www.w3.org/2000/svg\" class=\"chart bar-chart\" role=\"img\" viewBox=\"0 0 ").append(WIDTH).append(' ')
                .append(HEIGHT).append("\" width=\"100%\" preserveAspectRatio=\"xMidYMid meet\" aria-labelledby=\"").append(esc(id))
                .append("-title ").append(esc(id)).append("-desc\">");
        s.append("<title id=\"").append(esc(id)).append("-title\">").append(esc(title)).append("</title>");
        s.append("<desc id=\"").append(esc(id)).append("-desc\">").append(esc(description)).append("</desc>");
        // grid lines and y labels: 0, max/4, ..., max
        for (int i = 0; i <= GRID_LINES; i++) {
            long v = max / GRID_LINES * i;
            double y = TOP + plotH - (double) plotH * i / GRID_LINES;
            s.append("<line class=\"grid\" x1=\"").append(LEFT).append("\" x2=\"").append(WIDTH - RIGHT).append("\" y1=\"").append(num(y))
                    .append("\" y2=\"").append(num(y)).append("\" stroke=\"#d0d4da\" stroke-width=\"1\"/>");
            s.append("<text class=\"y-label\" x=\"").append(LEFT - 6).append("\" y=\"").append(num(y + 4))
                    .append("\" text-anchor=\"end\" font-size=\"12\" fill=\"#333\">").append(esc(grouped(v))).append("</text>");
        }
        s.append("<text class=\"y-caption\" x=\"12\" y=\"").append(TOP + plotH / 2).append("\" transform=\"rotate(-90 12 ").append(TOP + plotH / 2)
                .append(")\" text-anchor=\"middle\" font-size=\"12\" fill=\"#333\">").append(esc(unit)).append("</text>");
        int n = bars.size();
        double slot = n == 0 ? plotW : (double) plotW / n;
        double barW = Math.max(1, slot * 0.7);
        int every = Math.max(1, (n + MAX_X_LABELS - 1) / MAX_X_LABELS);
        for (int i = 0; i < n; i++) {
            Bar b = bars.get(i);
            double h = (double) plotH * b.value() / max;
            double x = LEFT + slot * i + (slot - barW) / 2;
            s.append("<rect class=\"bar\" x=\"").append(num(x)).append("\" y=\"").append(num(TOP + plotH - h)).append("\" width=\"").append(num(barW))
                    .append("\" height=\"").append(num(h)).append("\" fill=\"#2f6fb2\" data-value=\"").append(b.value()).append("\"><title>")
                    .append(esc(b.label() + ": " + grouped(b.value()) + " " + unit)).append("</title></rect>");
            if (i % every == 0) {
                s.append("<text class=\"x-label\" x=\"").append(num(LEFT + slot * i + slot / 2)).append("\" y=\"").append(TOP + plotH + 18)
                        .append("\" text-anchor=\"middle\" font-size=\"12\" fill=\"#333\">").append(esc(b.label())).append("</text>");
            }
        }
        s.append("<line class=\"axis\" x1=\"").append(LEFT).append("\" x2=\"").append(WIDTH - RIGHT).append("\" y1=\"").append(TOP + plotH)
                .append("\" y2=\"").append(TOP + plotH).append("\" stroke=\"#333\" stroke-width=\"1\"/>");
        s.append("<line class=\"axis\" x1=\"").append(LEFT).append("\" x2=\"").append(LEFT).append("\" y1=\"").append(TOP).append("\" y2=\"")
                .append(TOP + plotH).append("\" stroke=\"#333\" stroke-width=\"1\"/>");
        if (highest == 0) {
            s.append("<text class=\"empty\" x=\"").append(LEFT + plotW / 2).append("\" y=\"").append(TOP + plotH / 2)
                    .append("\" text-anchor=\"middle\" font-size=\"14\" fill=\"#555\">No data in this range</text>");
        }
        return s.append("</svg>").toString();
    }

    /**
     * The top of the y axis: the smallest of 1, 2 or 5 times a power of ten, times the grid lines
     * (so every grid label is a whole number), that holds {@code max}; 4 for an empty chart.
     */
    static long niceMax(long max) {
        if (max <= 0) {
            return GRID_LINES;
        }
        long step = 1;
        while (true) {
            for (long m : new long[] {1, 2, 5}) {
                if (m * step * GRID_LINES >= max) {
                    return m * step * GRID_LINES;
                }
            }
            if (step > Long.MAX_VALUE / 100) {
                return max;
            }
            step *= 10;
        }
    }

    /** 1234567 as "1,234,567": readable axis labels, the same in every locale. */
    static String grouped(long v) {
        return String.format(Locale.ROOT, "%,d", v);
    }

    private static String num(double v) {
        return String.format(Locale.ROOT, "%.1f", v);
    }

    static String esc(String text) {
        StringBuilder out = new StringBuilder(text.length());
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            switch (c) {
                case '&' -> out.append("&amp;");
                case '<' -> out.append("&lt;");
                case '>' -> out.append("&gt;");
                case '"' -> out.append("&quot;");
                case '\'' -> out.append("&#39;");
                default -> out.append(c < 0x20 && c != '\t' && c != '\n' && c != '\r' ? ' ' : c);
            }
        }
        return out.toString();
    }
}
