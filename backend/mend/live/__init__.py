"""Live updates over Socket.IO: consent-filtered events for each member, after each commit."""
