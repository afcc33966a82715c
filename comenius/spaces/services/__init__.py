"""Writes in project spaces, one module per area (pupils, content, materials, chat, meetings, export).

Every service finds the actor's `access.Seat`, checks `access.can`, runs in one transaction and raises
`DomainError` with a translated message when refused."""
