"""Spaces, memberships and invitations."""
