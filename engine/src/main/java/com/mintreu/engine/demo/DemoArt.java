package com.mintreu.engine.demo;

import java.awt.Color;
import java.awt.GradientPaint;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import javax.imageio.ImageIO;
import javax.imageio.stream.MemoryCacheImageOutputStream;

/**
 * Pictures and files for the demo shop, generated so nothing is downloaded: shapes only (no text),
 * because a headless server may have no fonts installed.
 */
final class DemoArt {

    private DemoArt() {}

    /** A 960x540 cover: a diagonal gradient between two colours with a few soft circles. */
    static byte[] cover(Color from, Color to, int seed) {
        System.setProperty("java.awt.headless", "true");
        BufferedImage image = new BufferedImage(960, 540, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = image.createGraphics();
        try {
            g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
            g.setPaint(new GradientPaint(0, 0, from, 960, 540, to));
            g.fillRect(0, 0, 960, 540);
            java.util.Random random = new java.util.Random(seed);
            for (int i = 0; i < 7; i++) {
                int size = 80 + random.nextInt(220);
                g.setColor(new Color(255, 255, 255, 30 + random.nextInt(50)));
                g.fillOval(random.nextInt(960) - size / 2, random.nextInt(540) - size / 2, size, size);
            }
            g.setColor(new Color(255, 255, 255, 200));
            g.fillRoundRect(380, 170, 200, 200, 48, 48);
            g.setColor(from.darker());
            g.fillOval(430, 220, 100, 100);
        } finally {
            g.dispose();
        }
        return png(image);
    }

    /** A small square icon in one colour. */
    static byte[] icon(Color color, int shape) {
        System.setProperty("java.awt.headless", "true");
        BufferedImage image = new BufferedImage(64, 64, BufferedImage.TYPE_INT_ARGB);
        Graphics2D g = image.createGraphics();
        try {
            g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
            g.setColor(color);
            switch (shape % 3) {
                case 0 -> g.fillOval(8, 8, 48, 48);
                case 1 -> g.fillRoundRect(8, 8, 48, 48, 12, 12);
                default -> g.fillPolygon(new int[] {32, 58, 6}, new int[] {6, 56, 56}, 3);
            }
        } finally {
            g.dispose();
        }
        return png(image);
    }

    /** A zip with the given entries (name to bytes) and a README. */
    static byte[] zip(String readme, Map<String, byte[]> entries) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (ZipOutputStream zip = new ZipOutputStream(out)) {
            zip.putNextEntry(new ZipEntry("README.txt"));
            zip.write(readme.getBytes(StandardCharsets.UTF_8));
            zip.closeEntry();
            for (Map.Entry<String, byte[]> e : entries.entrySet()) {
                zip.putNextEntry(new ZipEntry(e.getKey()));
                zip.write(e.getValue());
                zip.closeEntry();
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }

    private static byte[] png(BufferedImage image) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        // ImageIO.write(image, fmt, OutputStream) caches in a temp file whose closer registers a shutdown
        // hook on first use: a SIGTERM during seeding then fails with "Shutdown in progress". Memory it is.
        try (MemoryCacheImageOutputStream cache = new MemoryCacheImageOutputStream(out)) {
            ImageIO.write(image, "png", cache);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }
}
