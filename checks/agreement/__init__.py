"""The partnership agreement builder (issue 16): a guided form that drafts an agreement.

- `model`: the agreement's sections, items and presets, as read from their definitions;
- `spec`: the declared fields of the `agreement` and `agreement-preset` kinds (checks.fields);
- `definitions`: reading those definitions (files in checks/definitions/agreements/);
- `saved`: the saved draft (the family's format 2, read by `checks.answers.read_answers`),
  presets applied to it and rows imported from the registers;
- `review`: the checks (still to agree, parties, shares, dates, exit);
- `draft`: the draft as the one document model, drawn by every renderer in `checks.render`;
- `actions`: the worker's actions; `component`: the page component, rendered at build time.
"""
