"""The pages of the main window, in navigation order.

Each entry names the function that builds its page; pages are created the first time they are
shown (their modules imported then too), so start-up stays fast.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from PySide6.QtWidgets import QStyle

from lscp_desktop.ui.context import AppContext
from lscp_desktop.ui.pages.base import Page


@dataclass(frozen=True)
class PageSpec:
    key: str
    title: str
    icon: QStyle.StandardPixmap
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


SP = QStyle.StandardPixmap
PAGES: list[PageSpec] = [
    PageSpec("home", "Home", SP.SP_DirHomeIcon, _home),
    PageSpec("membership", "Membership", SP.SP_FileDialogDetailedView, _membership),
    PageSpec("meetings", "Meetings", SP.SP_FileDialogListView, _meetings),
    PageSpec("actions", "Actions", SP.SP_DialogApplyButton, _actions),
    PageSpec("risks", "Risks", SP.SP_MessageBoxWarning, _risks),
    PageSpec("finance", "Finance", SP.SP_DriveHDIcon, _finance),
    PageSpec("reviews", "Reviews", SP.SP_FileDialogInfoView, _reviews),
    PageSpec("assurance", "Assurance", SP.SP_FileDialogContentsView, _assurance),
    PageSpec("reports", "Reports", SP.SP_FileIcon, _reports),
]
