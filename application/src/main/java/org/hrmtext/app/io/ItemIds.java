package org.hrmtext.app.io;

import java.io.Serializable;
import java.util.Map;
import org.hrmtext.domain.InvalidInputException;

/** The id of an input record: its {@code id} key (a string or an integer), else {@link InputLine#defaultId()}. */
public final class ItemIds {
    private ItemIds() {
    }

    public static Serializable of(Map<String, Object> fields, InputLine at) {
        Object id = fields.containsKey("id") ? fields.get("id") : at.defaultId();
        if (!(id instanceof String || id instanceof Long)) {
            throw new InvalidInputException("key id: expected a string or an integer, got " + id);
        }
        return (Serializable) id;
    }
}
