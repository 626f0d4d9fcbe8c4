"""The briefing's scrubber now serves every output that quotes record text: it lives in
`checker.model.pseudonymise`; this module keeps the briefing's own import path."""

from checker.model.pseudonymise import (
    Pseudonymiser,
    date_spellings,
    identifiers,
    leaks,
    pseudonymiser,
    sentence,
)

__all__ = ["Pseudonymiser", "pseudonymiser", "identifiers", "date_spellings", "leaks", "sentence"]
