"""Multi-agency case audit checker.

The flow, one direction only: bundle → import and validate (`checker.bundle`, `checker.importers`) → facts
(`checker.kinds`, `checker.derive`) → rules (`checker.rulerun` through `checker.engine`) → flags, quality,
referrals → storage → CLI (`checker.cli`), dashboard, exports.
"""

__version__ = "0.1.0"
