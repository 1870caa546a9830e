package com.mintreu.engine.help;

import com.mintreu.engine.config.HelpConfig;
import com.mintreu.engine.config.MintreuConfig;
import com.mintreu.engine.web.Routes;
import dagger.Binds;
import dagger.BindsOptionalOf;
import dagger.Module;
import dagger.Provides;
import dagger.multibindings.IntoSet;

/** Help for customers: the FAQ and knowledge base, and the search other features suggest articles from. */
@Module
public interface HelpModule {

    /** Declared optional so that ticket forms and the assistant work (without suggestions) when no knowledge base is bound. */
    @BindsOptionalOf
    HelpSearch helpSearch();

    @Binds
    HelpSearch knowledgeBaseSearch(BuiltinHelpSearch search);

    @Provides
    static HelpConfig helpConfig(MintreuConfig config) {
        return config.help();
    }

    @Binds
    @IntoSet
    Routes pages(HelpPages pages);

    @Binds
    @IntoSet
    Routes sellerPages(SellerHelpPages pages);

    @Binds
    @IntoSet
    Routes adminPages(AdminHelpPages pages);

    @Binds
    @IntoSet
    Routes routes(HelpRoutes routes);
}
