"""The muscle browser: find a muscle by name and see its referral pattern on the diagram."""
