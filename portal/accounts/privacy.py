"""Personal data held by accounts (and the allauth tables for log-in that belong to the person)."""

from portal.core.personal_data import DELETE, KEEP, Source, register, register_eraser

register(
    Source(
        "accounts.User",
        "id",
        KEEP,
        "the row is kept, pseudonymised, so records that must stay keep their link",
        exclude=("password",),
    ),
    Source("account.EmailAddress", "user", DELETE, "log-in addresses"),
    Source("mfa.Authenticator", "user", DELETE, "two-factor secrets", exclude=("data",)),
    Source("admin.LogEntry", "user", KEEP, "administrators' change history"),
)


@register_eraser
def pseudonymise_user(user) -> None:
    """Name -> "Deleted user #id", email -> a unique address that receives nothing, no phone, no log-in."""
    user.full_name = f"Deleted user #{user.pk}"
    user.email = f"deleted-user-{user.pk}@deleted.invalid"
    user.phone = ""
    user.sidbi_role = ""
    user.is_active = user.is_staff = user.is_superuser = False
    user.set_unusable_password()
    user.save(
        update_fields=["full_name", "email", "phone", "sidbi_role", "is_active", "is_staff", "is_superuser", "password"]
    )
    user.groups.clear()
    user.user_permissions.clear()
