package com.mintreu.engine.account;

import com.password4j.Argon2Function;
import com.password4j.Password;
import com.password4j.types.Argon2;
import java.util.concurrent.Semaphore;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;
import javax.inject.Inject;
import javax.inject.Singleton;

/**
 * Argon2id with the OWASP minimum (19 MiB, 2 passes, 1 lane), stored as a PHC string so the
 * parameters travel with each hash and can be raised later without breaking old ones. Built in code,
 * not from a psw4j.properties file, so no classpath file can silently weaken it.
 *
 * <p>At most one hash per core runs at a time; the others wait their turn. Each takes 19 MiB of
 * heap, so 32 worker threads signing in at once would need 608 MiB and end a process started with
 * the launcher's small heap; more hashes than cores would not finish sooner anyway (CPU-bound).
 */
@Singleton
final class PasswordHasher {

    private static final Argon2Function ARGON2 = Argon2Function.getInstance(19_456, 2, 1, 32, Argon2.ID, Argon2Function.ARGON2_VERSION_13);

    static final int AT_ONCE = Math.max(1, Runtime.getRuntime().availableProcessors());

    private final Semaphore gate = new Semaphore(AT_ONCE, true);
    private final AtomicInteger running = new AtomicInteger();
    private final AtomicInteger peak = new AtomicInteger();

    // Verified against when the email is unknown, so "no such account" costs as much time as "wrong password".
    private final String dummyHash;

    @Inject
    PasswordHasher() {
        this.dummyHash = hash("not-a-real-password-" + System.identityHashCode(this));
    }

    String hash(String password) {
        return gated(() -> Password.hash(password).addRandomSalt(16).with(ARGON2).getResult());
    }

    boolean verify(String password, String phc) {
        return gated(() -> {
            try {
                return Argon2Function.getInstanceFromHash(phc).check(password, phc);
            } catch (RuntimeException malformedHash) {
                return false;
            }
        });
    }

    /** The most hashes that ever ran at once in this process (a race test checks it stays within the gate). */
    int peakRunning() {
        return peak.get();
    }

    private <T> T gated(Supplier<T> work) {
        gate.acquireUninterruptibly();
        try {
            peak.accumulateAndGet(running.incrementAndGet(), Math::max);
            return work.get();
        } finally {
            running.decrementAndGet();
            gate.release();
        }
    }

    /** Spends the time of one verification and always fails. */
    boolean verifyDummy(String password) {
        verify(password, dummyHash);
        return false;
    }
}
