package dev.drey.cli;

import java.io.Console;

/** Asks the operator for a passphrase without echoing it; tests answer in its place. */
interface PassphrasePrompt {

    /** What was typed, or null when there is no terminal to ask on (or input ended). */
    char[] ask(String prompt);

    /** The process's terminal, if it has one (none when input or output is redirected). */
    static PassphrasePrompt console() {
        return prompt -> {
            Console c = System.console();
            return c == null ? null : c.readPassword("%s", prompt);
        };
    }
}
