"""What deleting an account does to this app's rows (see portal/core/personal_data.py)."""

from portal.core.personal_data import DELETE, KEEP, Source, register

register(
    Source("providers.Provider", "created_by", KEEP, "the provider's record"),
    Source("providers.ProviderUser", "user", DELETE, "the person's link to the provider"),
)
