"""The one error an import reports to the editor."""


class ImportFileError(Exception):
    """The file cannot be imported; the message says why (nothing was changed)."""
