"""Liveness and readiness for load balancers and container health checks."""
