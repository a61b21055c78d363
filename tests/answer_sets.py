"""Answer sets shared by the unit tests, for the small checklists in conftest.py."""

MIXED = {
    "trust-open": "agree",  # .75 x 2 = 1.5
    "trust-promises": "partly_in_place",  # .5 x 1 = .5
    "trust-agreement": "yes",  # 1 x 1 = 1
    "trust-meetings": "yearly",  # 1/4 = .25 x .5 = .125
    "goals-shared": "strongly_agree",  # 1 x 1 = 1
    "goals-reviewed": "disagree",  # .25 x 3 = .75
    "goals-measured": "partly",  # .5 x 1 = .5
}
"""Trust 69 (Developing), goals 45 (Needs attention), overall 57 (Developing): worked out in test_scoring.py."""
