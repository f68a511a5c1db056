"""The words of the demo history: disclosures, questions, answers, commitments and notes."""

from __future__ import annotations

DISCLOSURES = (
    (
        "contact",
        "The messages with J. went on longer than I said",
        "I told you it ended in March. It didn't: we kept messaging until June, and I met J. "
        "twice more for coffee. I hid it because I was ashamed and afraid of losing you. "
        "I see now that every time I hid it, I took away your right to decide for yourself.",
    ),
    (
        "digital",
        "I deleted messages before you looked at my phone",
        "When you asked to see my phone in April, I had deleted a thread the night before. "
        "I did that more than once. I understand that this is why the phone still feels unsafe.",
    ),
    (
        "finances",
        "The money for the trip",
        "The hotel in May was not a work trip. I paid for it from the savings account and "
        "told you it was a deposit for the car. It was 640 pounds.",
    ),
    (
        "dishonesty",
        "What I said to your sister",
        "I told your sister you were exaggerating. That was not true, and it made you look "
        "unreliable to someone you love. I will tell her the truth if you want me to.",
    ),
    (
        "other",
        "Why I kept going",
        "You asked why. The honest answer is that I liked being seen as someone without "
        "problems. That is about me, not about anything you did or didn't do.",
    ),
)
REVISION_REASON = (
    "I left out the third meeting. I am adding it because you deserve the whole truth."
)
QUESTIONS = (
    "Did you ever tell J. about us?",
    "Was there anything else that day?",
    "Why did you decide to tell me now?",
)
ANSWERS = (
    "Yes, once. I said we were going through a hard time, which was a way of excusing it.",
    "No. That was everything. If I remember anything else, I will add it here.",
    "Because keeping it was another lie, and I want us to have a real chance.",
)
COMMITMENTS = (
    ("My phone and messages are open to you; I delete nothing", "daily"),
    ("No contact with J., and I tell you at once if J. contacts me", "daily"),
    ("Money check-in together on Sunday evenings", "weekly"),
    ("I answer questions about the past honestly, whenever you ask", "ongoing"),
)
TAGS = ("triggered", "calm", "talked", "tired", "work stress", "hopeful", "anniversary")
HURT_NOTES = (
    "A better day. We walked and talked without it turning into a fight.",
    "The song in the café brought it all back.",
    "I couldn't sleep again.",
    "I noticed I didn't check the phone today.",
)
