package io.headroom.yaml;

import java.util.List;
import java.util.stream.Collectors;

/** Input that cannot be used as it is. Carries every located error found; the CLI maps it to exit status 2. */
public final class BadInputException extends Exception {
    private final List<InputError> errors;

    public BadInputException(List<InputError> errors) {
        super(errors.stream().map(InputError::format).collect(Collectors.joining("\n")));
        if (errors.isEmpty()) {
            throw new IllegalArgumentException("a BadInputException needs at least one error");
        }
        this.errors = List.copyOf(errors);
    }

    public BadInputException(InputError error) {
        this(List.of(error));
    }

    public List<InputError> errors() {
        return errors;
    }
}
