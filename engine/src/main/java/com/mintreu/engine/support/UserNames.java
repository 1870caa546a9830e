package com.mintreu.engine.support;

import com.mintreu.engine.web.Principal;
import com.mintreu.engine.web.PrincipalResolver;
import java.util.HashMap;
import java.util.Map;
import java.util.Objects;
import java.util.stream.Stream;

/** The display names staff pages show for the user ids on a ticket (assignee, seller); an id nobody has shows as itself. */
final class UserNames {

    private UserNames() {}

    static Map<String, String> of(PrincipalResolver users, Stream<String> ids) {
        Map<String, String> names = new HashMap<>();
        ids.filter(Objects::nonNull).distinct()
                .forEach(id -> names.put(id, users.byUserId(id).map(Principal::displayName).orElse(id)));
        return names;
    }
}
