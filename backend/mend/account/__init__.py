"""A person's own data rights: export and account deletion."""
