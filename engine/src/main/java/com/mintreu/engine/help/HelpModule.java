package com.mintreu.engine.help;

import dagger.BindsOptionalOf;
import dagger.Module;

/** Help for customers: the FAQ and knowledge base, and the search other features suggest articles from. */
@Module
public interface HelpModule {

    /** Declared optional so that ticket forms and the assistant work (without suggestions) when no knowledge base is bound. */
    @BindsOptionalOf
    HelpSearch helpSearch();
}
