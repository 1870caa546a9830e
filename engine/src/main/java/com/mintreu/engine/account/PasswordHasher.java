package com.mintreu.engine.account;

import com.password4j.Argon2Function;
import com.password4j.Password;
import com.password4j.types.Argon2;
import javax.inject.Inject;
import javax.inject.Singleton;

/**
 * Argon2id with the OWASP minimum (19 MiB, 2 passes, 1 lane), stored as a PHC string so the
 * parameters travel with each hash and can be raised later without breaking old ones. Built in code,
 * not from a psw4j.properties file, so no classpath file can silently weaken it.
 */
@Singleton
final class PasswordHasher {

    private static final Argon2Function ARGON2 = Argon2Function.getInstance(19_456, 2, 1, 32, Argon2.ID, Argon2Function.ARGON2_VERSION_13);

    // Verified against when the email is unknown, so "no such account" costs as much time as "wrong password".
    private final String dummyHash;

    @Inject
    PasswordHasher() {
        this.dummyHash = hash("not-a-real-password-" + System.identityHashCode(this));
    }

    String hash(String password) {
        return Password.hash(password).addRandomSalt(16).with(ARGON2).getResult();
    }

    boolean verify(String password, String phc) {
        try {
            return Argon2Function.getInstanceFromHash(phc).check(password, phc);
        } catch (RuntimeException malformedHash) {
            return false;
        }
    }

    /** Spends the time of one verification and always fails. */
    boolean verifyDummy(String password) {
        verify(password, dummyHash);
        return false;
    }
}
