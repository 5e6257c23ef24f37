"""The purposes a question serves: the tags of the bank's questions and the `purposes` a
session model's phase draws on.

On the floor under both `config` (models name purposes) and `guidance` (the bank tags its
questions with them); `sessionkit.guidance.bank` re-exports it.
"""

from __future__ import annotations

PURPOSES: dict[str, str] = {
    "outcome": "what the client wants from this session and how they will know (contracting)",
    "contracting": "roles, confidentiality, how the two of you work together",
    "topic": "choosing what to work on",
    "exploring": "the present situation, in the client's words",
    "deepening": "questions that open up (after a run of short answers)",
    "reflecting": "summaries and paraphrases that hand the thinking back",
    "reframing": "new ways to look at the situation",
    "challenge": "testing assumptions, courageous feedback",
    "vision": "the preferred future",
    "resources": "strengths, what already works, exceptions (solution-focused)",
    "options": "widening the field of possibilities",
    "commitment": "next steps: what, by when, how committed",
    "accountability": "following through, obstacles, support",
    "check": "outcome checks: are we on track for what you need?",
    "scaling": "0 to 10 scales",
    "evaluation": "what the client got; closing and feedback",
    "brief": "short open invitations that hand the space back to the client",
}
