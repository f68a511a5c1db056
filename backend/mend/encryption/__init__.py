"""Free text encrypted at rest: AES-256-GCM under the MEND_DATA_KEYS key ring."""
