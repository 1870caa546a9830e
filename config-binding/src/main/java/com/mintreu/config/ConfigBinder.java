package com.mintreu.config;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.mintreu.api.config.Setting;
import com.mintreu.api.config.Validated;
import java.lang.reflect.Constructor;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.RecordComponent;
import java.lang.reflect.Type;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Binds a YAML/JSON tree to immutable config records, the engine's and every plugin's.
 *
 * <p>Unlike a plain Jackson {@code convertValue}, it reports every problem at once with its YAML
 * path, the value found and what was expected, rejects unknown keys with a "did you mean", fills
 * missing fields from the record's static {@code defaults()} and honours {@link Setting#required()}
 * and {@link Validated}. Supported field types: records, String, int, long, boolean, Duration
 * ({@code 30s}, {@code 5m}, {@code 2h}, {@code 1d} or ISO-8601), Path, URI, enums, List and
 * Map&lt;String, V&gt; of those, and JsonNode (passed through, e.g. a plugin's own subtree).
 */
public final class ConfigBinder {

    /** What a secret value is shown as by {@link #masked(Object)}. */
    public static final String MASK = "******";

    private static final Pattern DURATION = Pattern.compile("(\\d+)\\s*(ms|s|m|h|d)");

    private ConfigBinder() {}

    /** Binds {@code node} (null means "nothing given") to {@code type}; {@code path} prefixes every problem. */
    public static <T> T bind(JsonNode node, Class<T> type, String path) {
        List<ConfigProblem> problems = new ArrayList<>();
        Object value = bindValue(node, type, path, problems);
        if (!problems.isEmpty()) {
            throw new ConfigException(problems);
        }
        return type.cast(value);
    }

    /** The record's defaults as a tree, or an empty object when it declares none. */
    public static ObjectNode defaultsOf(Class<?> recordType) {
        try {
            Method defaults = recordType.getDeclaredMethod("defaults");
            if (Modifier.isStatic(defaults.getModifiers()) && defaults.getReturnType() == recordType) {
                defaults.setAccessible(true);
                return (ObjectNode) toTree(defaults.invoke(null), false);
            }
        } catch (NoSuchMethodException e) {
            // no defaults: every field must be given or is null
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException("defaults() of " + recordType.getName() + " failed", e);
        }
        return JsonNodeFactory.instance.objectNode();
    }

    /** The config as a tree for display, with every {@link Setting#secret()} value replaced by {@code "******"}. */
    public static JsonNode masked(Object config) {
        return toTree(config, true);
    }

    private static JsonNode toTree(Object value, boolean maskSecrets) {
        JsonNodeFactory f = JsonNodeFactory.instance;
        if (value == null) {
            return f.nullNode();
        }
        if (value instanceof JsonNode tree) {
            return tree;
        }
        if (value instanceof Map<?, ?> map) {
            ObjectNode out = f.objectNode();
            map.forEach((k, v) -> out.set(String.valueOf(k), toTree(v, maskSecrets)));
            return out;
        }
        if (value instanceof List<?> list) {
            var out = f.arrayNode();
            list.forEach(v -> out.add(toTree(v, maskSecrets)));
            return out;
        }
        if (value instanceof Optional<?> opt) {
            return toTree(opt.orElse(null), maskSecrets);
        }
        if (value.getClass().isRecord()) {
            ObjectNode out = f.objectNode();
            for (RecordComponent c : value.getClass().getRecordComponents()) {
                Object v = read(c, value);
                Setting s = c.getAnnotation(Setting.class);
                boolean secret = maskSecrets && s != null && s.secret() && v != null && !String.valueOf(v).isEmpty();
                out.set(c.getName(), secret ? f.textNode(MASK) : toTree(v, maskSecrets));
            }
            return out;
        }
        if (value instanceof Boolean b) {
            return f.booleanNode(b);
        }
        if (value instanceof Integer || value instanceof Long) {
            return f.numberNode(((Number) value).longValue());
        }
        if (value instanceof Duration d) {
            return f.textNode(formatDuration(d));
        }
        if (value instanceof Enum<?> e) {
            return f.textNode(e.name().toLowerCase(Locale.ROOT));
        }
        return f.textNode(String.valueOf(value));
    }

    private static Object read(RecordComponent c, Object record) {
        try {
            Method accessor = c.getAccessor();
            accessor.setAccessible(true);
            return accessor.invoke(record);
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException(e);
        }
    }

    private static Object bindValue(JsonNode node, Type type, String path, List<ConfigProblem> problems) {
        Class<?> raw = rawClass(type);
        if (raw == JsonNode.class) {
            return node == null || node.isNull() ? JsonNodeFactory.instance.objectNode() : node;
        }
        if (raw.isRecord()) {
            return bindRecord(node, raw, path, problems);
        }
        if (node == null || node.isNull()) {
            return raw == Optional.class ? Optional.empty() : null;
        }
        if (raw == Optional.class) {
            return Optional.ofNullable(bindValue(node, typeArg(type, 0), path, problems));
        }
        if (raw == List.class) {
            if (!node.isArray()) {
                problems.add(new ConfigProblem(path, "expected a list, got " + shown(node)));
                return List.of();
            }
            List<Object> out = new ArrayList<>();
            for (int i = 0; i < node.size(); i++) {
                out.add(bindValue(node.get(i), typeArg(type, 0), path + "[" + i + "]", problems));
            }
            return List.copyOf(out);
        }
        if (raw == Map.class) {
            if (!node.isObject()) {
                problems.add(new ConfigProblem(path, "expected a mapping, got " + shown(node)));
                return Map.of();
            }
            Map<String, Object> out = new LinkedHashMap<>();
            for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> e = it.next();
                out.put(e.getKey(), bindValue(e.getValue(), typeArg(type, 1), path + "." + e.getKey(), problems));
            }
            return java.util.Collections.unmodifiableMap(out);
        }
        return bindScalar(node, raw, path, problems);
    }

    private static Object bindRecord(JsonNode node, Class<?> type, String path, List<ConfigProblem> problems) {
        if (node != null && !node.isNull() && !node.isObject()) {
            problems.add(new ConfigProblem(path, "expected a mapping, got " + shown(node)));
            return null;
        }
        ObjectNode given = node == null || node.isNull() ? JsonNodeFactory.instance.objectNode() : (ObjectNode) node;
        ObjectNode defaults = defaultsOf(type);
        RecordComponent[] components = type.getRecordComponents();
        List<String> names = Arrays.stream(components).map(RecordComponent::getName).toList();

        for (Iterator<String> it = given.fieldNames(); it.hasNext(); ) {
            String key = it.next();
            if (!names.contains(key)) {
                problems.add(new ConfigProblem(join(path, key), "unknown key" + DidYouMean.suggest(key, names)
                        .map(s -> ", did you mean '" + s + "'?").orElse("; known keys: " + String.join(", ", names))));
            }
        }

        int before = problems.size();
        Object[] args = new Object[components.length];
        for (int i = 0; i < components.length; i++) {
            RecordComponent c = components[i];
            String childPath = join(path, c.getName());
            JsonNode value = given.has(c.getName()) ? given.get(c.getName()) : defaults.get(c.getName());
            Setting setting = c.getAnnotation(Setting.class);
            boolean blank = value == null || value.isNull() || (value.isTextual() && value.asText().isBlank());
            if (setting != null && setting.required() && blank && !c.getType().isRecord()) {
                problems.add(new ConfigProblem(childPath, "is required" + (setting.help().isEmpty() ? "" : " (" + setting.help() + ")")));
                continue;
            }
            args[i] = bindValue(value, c.getGenericType(), childPath, problems);
            if (args[i] == null && c.getType().isPrimitive()) {
                args[i] = primitiveZero(c.getType());
            }
        }
        if (problems.size() > before) {
            return null;
        }
        Object record = construct(type, components, args, path, problems);
        if (record instanceof Validated v) {
            for (Validated.Problem p : v.problems()) {
                problems.add(new ConfigProblem(join(path, p.field()), p.message()));
            }
        }
        return record;
    }

    private static Object construct(Class<?> type, RecordComponent[] components, Object[] args, String path, List<ConfigProblem> problems) {
        try {
            Class<?>[] types = Arrays.stream(components).map(RecordComponent::getType).toArray(Class<?>[]::new);
            Constructor<?> ctor = type.getDeclaredConstructor(types);
            ctor.setAccessible(true);
            return ctor.newInstance(args);
        } catch (InvocationTargetException e) {
            // compact constructors validate too; their message names the rule
            problems.add(new ConfigProblem(path.isEmpty() ? "(root)" : path, String.valueOf(e.getCause().getMessage())));
            return null;
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException("cannot construct " + type.getName(), e);
        }
    }

    private static Object bindScalar(JsonNode node, Class<?> type, String path, List<ConfigProblem> problems) {
        String text = node.isValueNode() ? node.asText() : null;
        try {
            if (type == String.class) {
                if (text == null) {
                    throw new IllegalArgumentException();
                }
                return text;
            }
            if (type == int.class || type == Integer.class) {
                if (!node.canConvertToInt() && !(node.isTextual() && text.trim().matches("-?\\d+"))) {
                    throw new IllegalArgumentException();
                }
                return node.isTextual() ? Integer.parseInt(text.trim()) : node.asInt();
            }
            if (type == long.class || type == Long.class) {
                if (!node.canConvertToLong() && !(node.isTextual() && text.trim().matches("-?\\d+"))) {
                    throw new IllegalArgumentException();
                }
                return node.isTextual() ? Long.parseLong(text.trim()) : node.asLong();
            }
            if (type == boolean.class || type == Boolean.class) {
                if (node.isBoolean()) {
                    return node.asBoolean();
                }
                if ("true".equalsIgnoreCase(text) || "false".equalsIgnoreCase(text)) {
                    return Boolean.parseBoolean(text);
                }
                throw new IllegalArgumentException();
            }
            if (type == Duration.class) {
                return parseDuration(text);
            }
            if (type == Path.class) {
                return Path.of(text);
            }
            if (type == URI.class) {
                URI uri = URI.create(text);
                if (uri.getScheme() == null) {
                    throw new IllegalArgumentException();
                }
                return uri;
            }
            if (type.isEnum()) {
                for (Object constant : type.getEnumConstants()) {
                    if (((Enum<?>) constant).name().equalsIgnoreCase(text)) {
                        return constant;
                    }
                }
                throw new IllegalArgumentException();
            }
        } catch (RuntimeException e) {
            problems.add(new ConfigProblem(path, "expected " + describe(type) + ", got " + shown(node)));
            return null;
        }
        throw new IllegalStateException("unsupported config type " + type.getName() + " at " + path);
    }

    /** The shortest exact form of {@code d} in the units config accepts: 10s, 5m, 14d. */
    public static String formatDuration(Duration d) {
        long ms = d.toMillis();
        long[] sizes = {86_400_000L, 3_600_000L, 60_000L, 1000L};
        String[] units = {"d", "h", "m", "s"};
        for (int i = 0; i < sizes.length; i++) {
            if (ms != 0 && ms % sizes[i] == 0) {
                return ms / sizes[i] + units[i];
            }
        }
        return ms + "ms";
    }

    /** Parses {@code 500ms}, {@code 30s}, {@code 5m}, {@code 2h}, {@code 1d} or ISO-8601 ({@code PT1H}). */
    public static Duration parseDuration(String text) {
        String t = text.trim().toLowerCase(Locale.ROOT);
        Matcher m = DURATION.matcher(t);
        if (m.matches()) {
            long n = Long.parseLong(m.group(1));
            return switch (m.group(2)) {
                case "ms" -> Duration.ofMillis(n);
                case "s" -> Duration.ofSeconds(n);
                case "m" -> Duration.ofMinutes(n);
                case "h" -> Duration.ofHours(n);
                default -> Duration.ofDays(n);
            };
        }
        return Duration.parse(text.trim().toUpperCase(Locale.ROOT));
    }

    private static String describe(Class<?> type) {
        if (type == int.class || type == Integer.class || type == long.class || type == Long.class) {
            return "a whole number";
        }
        if (type == boolean.class || type == Boolean.class) {
            return "true or false";
        }
        if (type == Duration.class) {
            return "a duration such as 30s, 5m, 2h or 1d";
        }
        if (type == URI.class) {
            return "an absolute URL such as http://localhost:8080";
        }
        if (type == Path.class) {
            return "a file path";
        }
        if (type.isEnum()) {
            return "one of " + Arrays.stream(type.getEnumConstants()).map(c -> ((Enum<?>) c).name().toLowerCase(Locale.ROOT)).toList();
        }
        return "a text value";
    }

    private static String shown(JsonNode node) {
        if (node.isObject()) {
            return "a mapping";
        }
        if (node.isArray()) {
            return "a list";
        }
        String text = node.asText();
        return "'" + (text.length() > 60 ? text.substring(0, 60) + "…" : text) + "'";
    }

    private static Object primitiveZero(Class<?> type) {
        if (type == boolean.class) {
            return false;
        }
        if (type == long.class) {
            return 0L;
        }
        return 0;
    }

    private static String join(String path, String key) {
        return path == null || path.isEmpty() ? key : path + "." + key;
    }

    private static Class<?> rawClass(Type type) {
        if (type instanceof Class<?> c) {
            return c;
        }
        if (type instanceof ParameterizedType p) {
            return (Class<?>) p.getRawType();
        }
        throw new IllegalStateException("unsupported config type " + type);
    }

    private static Type typeArg(Type type, int index) {
        if (type instanceof ParameterizedType p) {
            return p.getActualTypeArguments()[index];
        }
        return String.class;
    }
}
