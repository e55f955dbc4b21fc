"""Meta rules (OKR0xx): the linter's own configuration.

OKR001 is computed by the engine (:func:`rollout.rules.engine.check_workspace`),
which alone knows which findings each suppression hid.
"""

from __future__ import annotations

from rollout.rules.base import Rule, example_values

UNUSED_SUPPRESSION = "OKR001"


class OKR001(Rule):
    """Suppression of {rule} hides no finding here.

    A suppression documents a deliberate exception. Once the key result or
    objective is fixed, the suppression stays behind and would silently hide
    the next real problem of that kind. Only suppressions of rules that ran
    are checked, so `--select` never makes a needed one look unused.

    **Bad**

    ```yaml
    title: Reduce payslip corrections from 41 to 20 a month
    suppress:
      - rule: OKR203
        reason: Payroll accuracy is a guard-rail.
    ```

    **Good**

    ```yaml
    title: Reduce payslip corrections from 41 to 20 a month
    ```
    """

    code = UNUSED_SUPPRESSION
    example = example_values(rule="OKR203")
    name = "unused-suppression"
    group = "meta"
    severity = "info"
    hint = "Remove the suppression entry, or point it at the rule that still reports here."


RULES: tuple[type[Rule], ...] = (OKR001,)
