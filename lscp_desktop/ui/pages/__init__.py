"""The pages of the main window, in navigation order.

Each entry names the function that builds its page; pages are created the first time they are
shown (their modules imported then too), so start-up stays fast.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import NamedTuple

from lscp_desktop.ui.context import AppContext
from lscp_desktop.ui.pages.base import Page


class PageSpec(NamedTuple):
    """A page: its key, its title in the navigation, the name of its icon among the style's
    standard pixmaps (``QStyle.StandardPixmap``: the icons are made after the window's first
    paint, see :func:`lscp_desktop.ui.first_paint.set_style_icons`), and what builds it."""

    key: str
    title: str
    icon: str
    factory: Callable[[AppContext], Page]


def _home(ctx: AppContext) -> Page:
    from lscp_desktop.ui.pages.home import HomePage

    return HomePage(ctx)


def _membership(ctx: AppContext) -> Page:
    from lscp_desktop.ui.pages.membership.page import MembershipPage

    return MembershipPage(ctx)


def _meetings(ctx: AppContext) -> Page:
    from lscp_desktop.ui.pages.meetings.page import MeetingsPage

    return MeetingsPage(ctx)


def _finance(ctx: AppContext) -> Page:
    from lscp_desktop.ui.pages.finance.page import FinancePage

    return FinancePage(ctx)


def _actions(ctx: AppContext) -> Page:
    from lscp_desktop.ui.pages.actions.page import ActionsPage

    return ActionsPage(ctx)


def _risks(ctx: AppContext) -> Page:
    from lscp_desktop.ui.pages.risks.page import RisksPage

    return RisksPage(ctx)


def _reviews(ctx: AppContext) -> Page:
    from lscp_desktop.ui.pages.reviews.page import ReviewsPage

    return ReviewsPage(ctx)


def _assurance(ctx: AppContext) -> Page:
    from lscp_desktop.ui.pages.assurance.page import AssurancePage

    return AssurancePage(ctx)


def _reports(ctx: AppContext) -> Page:
    from lscp_desktop.ui.pages.reports.page import ReportsPage

    return ReportsPage(ctx)


PAGES: list[PageSpec] = [
    PageSpec("home", "Home", "SP_DirHomeIcon", _home),
    PageSpec("membership", "Membership", "SP_FileDialogDetailedView", _membership),
    PageSpec("meetings", "Meetings", "SP_FileDialogListView", _meetings),
    PageSpec("actions", "Actions", "SP_DialogApplyButton", _actions),
    PageSpec("risks", "Risks", "SP_MessageBoxWarning", _risks),
    PageSpec("finance", "Finance", "SP_DriveHDIcon", _finance),
    PageSpec("reviews", "Reviews", "SP_FileDialogInfoView", _reviews),
    PageSpec("assurance", "Assurance", "SP_FileDialogContentsView", _assurance),
    PageSpec("reports", "Reports", "SP_FileIcon", _reports),
]
