"""Widgets of the live screen."""

from screens.widgets.line import Line
from screens.widgets.notes import NotesPane
from screens.widgets.outcome import OutcomePane
from screens.widgets.questions import QuestionsPane
from screens.widgets.startlist import StartList
from screens.widgets.talk import TalkPane

__all__ = ["Line", "NotesPane", "OutcomePane", "QuestionsPane", "StartList", "TalkPane"]
