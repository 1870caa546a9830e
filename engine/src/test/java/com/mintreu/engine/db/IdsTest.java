package com.mintreu.engine.db;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class IdsTest {

    @Test
    void idsArePrefixedUniqueAndSortByCreation() {
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < 10_000; i++) {
            ids.add(Ids.next("usr"));
        }
        assertThat(ids).allMatch(id -> id.matches("usr_[0-9a-z]{26}")).doesNotHaveDuplicates().isSorted();
    }
}
