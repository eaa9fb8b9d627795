"""The pages on the right of the main window: item, section and framework (more in later parts)."""
