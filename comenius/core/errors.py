class DomainError(Exception):
    """A refused action: the message is translated and safe to show to the person who tried it."""

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message
