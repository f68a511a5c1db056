"""Content-free mail: an outbox row written with the change that causes it, sent by a worker."""
