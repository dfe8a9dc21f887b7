"""The small typed hierarchy of input failures: each carries the one sentence the user sees."""


class InputError(Exception):
    """The input cannot be read at all (missing, a directory, empty, not a known format)."""


class NoFormError(InputError):
    """The input was read but holds no form we know."""
