"""Click commands that live outside `checker.cli`; each is registered on the `maca` group there."""
