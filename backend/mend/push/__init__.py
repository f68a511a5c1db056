"""Web Push: content-free notifications to the browsers a person chose."""
