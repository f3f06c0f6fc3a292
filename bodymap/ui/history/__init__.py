"""The History window: each spot's intensity over time."""
