package com.mintreu.engine.plugin.internal;

import com.mintreu.api.event.Events;
import com.mintreu.engine.plugin.PluginDispatcher;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;

/**
 * One plugin's view of the bus: its subscribers are called through the dispatcher under its id,
 * and all of them are cancelled when the plugin stops or fails.
 */
public final class PluginEvents implements Events {

    private final Events bus;
    private final PluginDispatcher dispatcher;
    private final String pluginId;
    private final List<Subscription> subscriptions = new CopyOnWriteArrayList<>();

    public PluginEvents(Events bus, PluginDispatcher dispatcher, String pluginId) {
        this.bus = bus;
        this.dispatcher = dispatcher;
        this.pluginId = pluginId;
    }

    @Override
    public void publish(String topic, Map<String, Object> payload) {
        bus.publish(topic, payload);
    }

    @Override
    public Subscription subscribe(String topic, Consumer<Map<String, Object>> consumer) {
        Subscription s = bus.subscribe(topic, payload -> dispatcher.call(pluginId, "event " + topic, () -> {
            consumer.accept(payload);
            return null;
        }));
        subscriptions.add(s);
        return () -> {
            s.cancel();
            subscriptions.remove(s);
        };
    }

    /** Cancels every subscription of this plugin. */
    public void cancelAll() {
        subscriptions.forEach(Subscription::cancel);
        subscriptions.clear();
    }
}
