package com.mintreu.engine.plugin;

import java.nio.file.Path;

/**
 * Two plugins that subscribe to domain events through plugin-api only, built as real zips:
 * {@code event-recorder} (subscriber {@code event-recorder:recorder}) appends each
 * {@code OrderPaid} and {@code EntitlementGranted} it gets to {@code <dir>/recorder.log}, and
 * {@code event-flaky} ({@code event-flaky:flaky}) throws while {@code <dir>/fail} exists and
 * otherwise appends each {@code OrderPaid} to {@code <dir>/flaky.log}. A line is
 * {@code <type> <eventId> <orderId>}.
 */
public final class EventTestPlugins {

    private EventTestPlugins() {}

    /** Writes both zips into {@code pluginsDir}; the subscribers write into {@code dir}. */
    public static void writeTo(Path pluginsDir, Path dir) {
        String root = dir.toAbsolutePath().toString().replace("\\", "\\\\");
        TestPluginZip.plugin("event-recorder").requires(">=0.1.0").source("test.events.Recorder", """
                package test.events;
                import com.mintreu.api.event.*;
                import java.nio.charset.StandardCharsets;
                import java.nio.file.*;
                import java.util.Set;
                @org.pf4j.Extension
                public class Recorder implements EventSubscriber {
                    public String id() { return "recorder"; }
                    public Set<Class<? extends DomainEvent>> events() { return Set.of(OrderPaid.class, EntitlementGranted.class); }
                    public void on(DomainEvent event) throws Exception {
                        String order = event instanceof OrderPaid p ? p.orderId() : ((EntitlementGranted) event).orderId();
                        Files.writeString(Path.of("%s", "recorder.log"), event.type() + " " + event.eventId() + " " + order + "\\n",
                                StandardCharsets.UTF_8, StandardOpenOption.CREATE, StandardOpenOption.APPEND);
                    }
                }
                """.formatted(root)).writeTo(pluginsDir);
        TestPluginZip.plugin("event-flaky").requires(">=0.1.0").source("test.events.Flaky", """
                package test.events;
                import com.mintreu.api.event.*;
                import java.nio.charset.StandardCharsets;
                import java.nio.file.*;
                import java.util.Set;
                @org.pf4j.Extension
                public class Flaky implements EventSubscriber {
                    public String id() { return "flaky"; }
                    public Set<Class<? extends DomainEvent>> events() { return Set.of(OrderPaid.class); }
                    public void on(DomainEvent event) throws Exception {
                        if (Files.exists(Path.of("%1$s", "fail"))) {
                            throw new IllegalStateException("the flaky subscriber is down");
                        }
                        Files.writeString(Path.of("%1$s", "flaky.log"), event.type() + " " + event.eventId() + " " + ((OrderPaid) event).orderId() + "\\n",
                                StandardCharsets.UTF_8, StandardOpenOption.CREATE, StandardOpenOption.APPEND);
                    }
                }
                """.formatted(root)).writeTo(pluginsDir);
    }
}
