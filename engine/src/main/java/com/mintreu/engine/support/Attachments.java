package com.mintreu.engine.support;

import com.mintreu.api.helpdesk.Attachment;
import com.mintreu.api.storage.ObjectContent;
import com.mintreu.api.storage.StorageBackend;
import com.mintreu.engine.config.SupportConfig;
import com.mintreu.engine.db.Ids;
import com.mintreu.engine.plugin.PluginCallException;
import com.mintreu.engine.plugin.PluginHost;
import com.mintreu.engine.web.ApiException;
import com.mintreu.engine.web.ApiException.FieldError;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import javax.inject.Inject;
import javax.inject.Singleton;

/**
 * Attachments of ticket messages in the storage backend. A file is checked (size, and its type
 * recognised from its content, never from the name or what the browser claims) before anything
 * is written; objects are written before the message, and deleted again when the message is not.
 */
@Singleton
final class Attachments {

    static final String FIELD = "attachment";

    private final PluginHost host;
    private final SupportConfig config;

    @Inject
    Attachments(PluginHost host, SupportConfig config) {
        this.host = host;
        this.config = config;
    }

    /** The type each upload is recognised as; 422 on the {@code attachment} field when one is too large or not accepted. */
    List<String> check(List<Upload> uploads) {
        List<String> types = new ArrayList<>();
        for (Upload u : uploads) {
            if (u.size() > config.attachmentMaxBytes()) {
                throw invalid(SupportError.ATTACHMENT_TOO_LARGE, "the file is larger than " + sizeText(config.attachmentMaxBytes()));
            }
            if (u.size() == 0) {
                throw invalid(SupportError.ATTACHMENT_TYPE, "the file is empty");
            }
            String type = sniff(u).filter(config.attachmentTypes()::contains).orElseThrow(() -> invalid(SupportError.ATTACHMENT_TYPE,
                    "only these files can be attached: " + String.join(", ", config.attachmentTypes())));
            types.add(type);
        }
        return types;
    }

    /** Stores checked uploads; on any failure deletes what it already stored. */
    List<Attachment> store(List<Upload> uploads, List<String> types) {
        if (uploads.isEmpty()) {
            return List.of();
        }
        StorageBackend storage = backend();
        List<Attachment> stored = new ArrayList<>();
        try {
            for (int i = 0; i < uploads.size(); i++) {
                Upload u = uploads.get(i);
                String id = Ids.next("att");
                String key = "support/attachments/" + id;
                try (InputStream in = Files.newInputStream(u.path())) {
                    var object = host.call(storage, "put", s -> s.put(key, in, config.attachmentMaxBytes()));
                    stored.add(new Attachment(id, fileName(u.fileName()), types.get(i), object.size(), key));
                }
            }
            return stored;
        } catch (IOException | PluginCallException e) {
            delete(stored);
            throw new ApiException(SupportError.STORAGE_UNAVAILABLE, "storing the attachment failed");
        }
    }

    /** Removes stored objects whose message was not written. */
    void delete(List<Attachment> attachments) {
        if (attachments.isEmpty()) {
            return;
        }
        StorageBackend storage = backend();
        for (Attachment a : attachments) {
            try {
                host.call(storage, "delete", s -> s.delete(a.storageKey()));
            } catch (PluginCallException e) {
                // an orphaned object is harmless: no row names it, so nobody can fetch it
            }
        }
    }

    /** The bytes of a stored attachment; the caller closes them. */
    Optional<ObjectContent> open(Attachment a) {
        StorageBackend storage = backend();
        return host.call(storage, "get", s -> s.get(a.storageKey()));
    }

    long maxBytes() {
        return config.attachmentMaxBytes();
    }

    private StorageBackend backend() {
        Optional<StorageBackend> s = config.storage().isBlank()
                ? host.extensions(StorageBackend.class).stream().findFirst()
                : host.extension(StorageBackend.class, config.storage());
        return s.orElseThrow(() -> new ApiException(SupportError.STORAGE_UNAVAILABLE, "no storage backend is running for attachments"));
    }

    /** The type of a file by its first bytes; text/plain when it is valid UTF-8 without control characters. */
    static Optional<String> sniff(Upload u) {
        byte[] b;
        try (InputStream in = Files.newInputStream(u.path())) {
            b = in.readNBytes(64 * 1024);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        if (starts(b, 0x89, 'P', 'N', 'G', 0x0d, 0x0a, 0x1a, 0x0a)) {
            return Optional.of("image/png");
        }
        if (starts(b, 0xff, 0xd8, 0xff)) {
            return Optional.of("image/jpeg");
        }
        if (starts(b, 'G', 'I', 'F', '8')) {
            return Optional.of("image/gif");
        }
        if (starts(b, 'R', 'I', 'F', 'F') && b.length >= 12 && b[8] == 'W' && b[9] == 'E' && b[10] == 'B' && b[11] == 'P') {
            return Optional.of("image/webp");
        }
        if (starts(b, '%', 'P', 'D', 'F', '-')) {
            return Optional.of("application/pdf");
        }
        return isText(b, u.size() > b.length) ? Optional.of("text/plain") : Optional.empty();
    }

    private static boolean starts(byte[] b, int... prefix) {
        if (b.length < prefix.length) {
            return false;
        }
        for (int i = 0; i < prefix.length; i++) {
            if ((b[i] & 0xff) != prefix[i]) {
                return false;
            }
        }
        return true;
    }

    private static boolean isText(byte[] b, boolean truncated) {
        for (byte c : b) {
            if ((c >= 0 && c < 0x20 && c != '\t' && c != '\n' && c != '\r') || c == 0x7f) {
                return false; // markup and scripts pass as text, but are only ever served as a download with nosniff
            }
        }
        int length = b.length;
        if (truncated) {
            // the sample may end inside a multi-byte character
            while (length > 0 && length > b.length - 4 && (b[length - 1] & 0xc0) == 0x80) {
                length--;
            }
            if (length > 0 && (b[length - 1] & 0xc0) == 0xc0) {
                length--;
            }
        }
        try {
            StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT).onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(b, 0, length));
            return true;
        } catch (CharacterCodingException e) {
            return false;
        }
    }

    private static String fileName(String name) {
        String n = name == null ? "" : name.replaceAll("[\\p{Cntrl}/\\\\]", "_").strip();
        if (n.isEmpty()) {
            n = "attachment";
        }
        return n.length() > 200 ? n.substring(n.length() - 200) : n;
    }

    private static ApiException invalid(SupportError code, String message) {
        return new ApiException(code, message, List.of(new FieldError(FIELD, message)), null);
    }

    static String sizeText(long bytes) {
        if (bytes >= 1024 * 1024 && bytes % (1024 * 1024) == 0) {
            return bytes / (1024 * 1024) + " MiB";
        }
        if (bytes >= 1024 && bytes % 1024 == 0) {
            return bytes / 1024 + " KiB";
        }
        return bytes + " bytes";
    }
}
