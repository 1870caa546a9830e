package com.mintreu.engine.assistant;

import java.util.Set;

/**
 * How well a passage answers a question, on one scale for help articles and product docs alike:
 * each distinct term of the question earns the weight of the best field it appears in (title 3,
 * tags 2, text 1), and the sum is divided by the number of question terms. So 0 means no word in
 * common and 3 means every word is in the title. Dividing keeps long questions comparable with short
 * ones; terms are counted once, so a passage that repeats a word many times gains nothing.
 */
final class PassageScore {

    static final double TITLE = 3;
    static final double TAGS = 2;
    static final double TEXT = 1;

    private PassageScore() {}

    static double score(Set<String> question, String title, String tags, String text) {
        if (question.isEmpty()) {
            return 0;
        }
        Set<String> inTitle = Terms.of(title);
        Set<String> inTags = Terms.of(tags);
        Set<String> inText = Terms.of(text);
        double sum = 0;
        for (String t : question) {
            sum += inTitle.contains(t) ? TITLE : inTags.contains(t) ? TAGS : inText.contains(t) ? TEXT : 0;
        }
        return sum / question.size();
    }
}
