package io.vigil.platform.tenancy;

import java.util.List;
import java.util.function.Function;

/** One page of a list: the items and the cursor of the next page (null on the last page). */
public record Page<T>(List<T> items, String nextCursor) {

    /**
     * Builds a page from rows fetched with {@code limit + 1}: the extra row only says that a next page exists,
     * and the last row kept gives the cursor.
     */
    public static <E, T> Page<T> of(List<E> rows, int limit, Function<E, Cursor> cursorOf, Function<E, T> map) {
        String next = null;
        List<E> kept = rows;
        if (rows.size() > limit) {
            kept = rows.subList(0, limit);
            next = cursorOf.apply(kept.get(limit - 1)).encode();
        }
        return new Page<>(kept.stream().map(map).toList(), next);
    }
}
