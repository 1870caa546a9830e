package com.mintreu.engine.plugin.internal;

import java.lang.reflect.Constructor;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Modifier;

/**
 * Loads and instantiates classes a plugin names (its PF4J plugin class, its extensions) and says
 * in words what is wrong when that fails: reflection's own exceptions ({@code InstantiationException}
 * with no message, PF4J's factory returning null) tell an operator nothing.
 */
public final class PluginClasses {

    private PluginClasses() {
    }

    /** A class a plugin names cannot be loaded or made; the message is the reason shown to the operator. */
    public static final class PluginClassException extends RuntimeException {
        PluginClassException(String message, Throwable cause) {
            super(message, cause);
        }
    }

    /**
     * Loads {@code name} from {@code loader}.
     *
     * @param role what the class is for, e.g. "plugin class 'x' (plugin.class in plugin.properties)"
     */
    public static Class<?> load(ClassLoader loader, String name, String role) {
        try {
            return Class.forName(name, false, loader);
        } catch (ClassNotFoundException e) {
            throw new PluginClassException(role + " is not in the plugin", e);
        } catch (LinkageError e) {
            throw new PluginClassException(role + " cannot be loaded: " + describe(e), e);
        }
    }

    /** A new instance through the public no-argument constructor of {@code type}. */
    public static <T> T instantiate(Class<T> type, String role) {
        Constructor<T> constructor = publicConstructor(type, role);
        try {
            return constructor.newInstance();
        } catch (InvocationTargetException e) {
            throw new PluginClassException("the constructor of " + role + " threw " + describe(e.getCause()), e.getCause());
        } catch (ExceptionInInitializerError e) {
            throw new PluginClassException("the static initialiser of " + role + " threw " + describe(e.getCause()), e.getCause());
        } catch (ReflectiveOperationException | LinkageError e) {
            throw new PluginClassException(role + " cannot be instantiated: " + describe(e), e);
        }
    }

    /** The public no-argument constructor, or the reason there is none. */
    public static <T> Constructor<T> publicConstructor(Class<T> type, String role) {
        int modifiers = type.getModifiers();
        if (type.isInterface() || Modifier.isAbstract(modifiers)) {
            throw new PluginClassException(role + " is " + (type.isInterface() ? "an interface" : "abstract") + "; it needs a concrete class", null);
        }
        if (!Modifier.isPublic(modifiers) || (type.getEnclosingClass() != null && !Modifier.isStatic(modifiers))) {
            throw new PluginClassException(role + " must be a public top-level or public static nested class", null);
        }
        try {
            return type.getConstructor();
        } catch (NoSuchMethodException e) {
            throw new PluginClassException(role + " has no public no-argument constructor", e);
        } catch (LinkageError e) {
            throw new PluginClassException(role + " cannot be loaded: " + describe(e), e);
        }
    }

    public static String describe(Throwable e) {
        if (e == null) {
            return "an unknown error";
        }
        String message = e.getMessage();
        return e.getClass().getSimpleName() + (message == null || message.isBlank() ? "" : ": " + message);
    }
}
