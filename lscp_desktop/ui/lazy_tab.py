"""A tab whose widgets are made the first time it is shown (or first asked for), so that
opening a page of tabs builds and styles only the tab on screen (issue 21)."""

from __future__ import annotations

from collections.abc import Callable
from typing import Generic, TypeVar

from PySide6.QtGui import QShowEvent
from PySide6.QtWidgets import QVBoxLayout, QWidget

W = TypeVar("W", bound=QWidget)


class LazyTab(QWidget, Generic[W]):
    """Holds the place of a tab's widget, made by *make* on first need: the tab first shown,
    or :attr:`content` first read (a command or a link reaching a tab not yet seen)."""

    def __init__(self, make: Callable[[], W], on_made: Callable[[W], None] | None = None) -> None:
        super().__init__()
        self._make = make
        self._on_made = on_made
        self._content: W | None = None
        self._layout = QVBoxLayout(self)
        self._layout.setContentsMargins(0, 0, 0, 0)

    @property
    def made(self) -> bool:
        return self._content is not None

    @property
    def content(self) -> W:
        if self._content is None:
            content = self._content = self._make()
            self._layout.addWidget(content)
            if self.isVisible():  # shown now, not on a queued call after a first paint
                content.show()
            if self._on_made is not None:
                self._on_made(content)
        return self._content

    def showEvent(self, event: QShowEvent) -> None:
        self.content  # noqa: B018 (made before the first paint, not after it)
        super().showEvent(event)
