"""Who may write: API tokens with a role (stored as hashes, shown once, revocable) and the
audit trail of every write (who, when, what), kept in the store beside the data it guards."""

from tierwatch.access.tokens import (
    ROLES,
    AuditEntry,
    TokenInfo,
    audit_trail,
    authenticate,
    create_token,
    list_tokens,
    may,
    record_write,
    revoke_token,
)

__all__ = ["ROLES", "AuditEntry", "TokenInfo", "audit_trail", "authenticate", "create_token",
           "list_tokens", "may", "record_write", "revoke_token"]
