package com.mintreu.engine;

/** Entry point of {@code bin/mintreu}; the commands live in {@code cli/}. */
public final class Main {

    private Main() {}

    public static void main(String[] args) {
        System.exit(com.mintreu.engine.cli.MintreuCommand.run(args));
    }
}
