"""The screen every reminder and notification passes on its way out. The app that knows who a message could name
registers it (cases registers its identity screen in ``CasesConfig.ready``), so reminders imports nothing of it.

A screen is made for the records some messages are about, reading what it looks for once, and then screens each
message about one of them. With no screen registered nothing is sent: a message could name a person."""

from collections.abc import Callable, Iterable

from django.core.exceptions import ImproperlyConfigured

MessageScreen = Callable[[int, str], str]
ScreenMaker = Callable[[Iterable[int]], MessageScreen]

_SCREENS: list[ScreenMaker] = []


def register_screen(make_screen: ScreenMaker) -> None:
    """Pass every message through the screens ``make_screen`` makes, given the ids of what the messages are about."""
    if make_screen not in _SCREENS:
        _SCREENS.append(make_screen)


def screen_for(about_ids: Iterable[int]) -> MessageScreen:
    """One screen for messages about these records: every registered screen in turn."""
    if not _SCREENS:
        raise ImproperlyConfigured("No message screen is registered with reminders.screening.register_screen.")
    ids = set(about_ids)
    screens = [make_screen(ids) for make_screen in _SCREENS]

    def screen(about_id: int, text: str) -> str:
        for each in screens:
            text = each(about_id, text)
        return text

    return screen
