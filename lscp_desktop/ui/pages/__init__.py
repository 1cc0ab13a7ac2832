"""The pages of the main window, in navigation order.

A domain's page replaces its placeholder here by pointing ``factory`` at its page class.
Pages are created the first time they are shown, so start-up stays fast.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field

from PySide6.QtWidgets import QStyle

from lscp_desktop.ui.context import AppContext
from lscp_desktop.ui.pages.base import Page, PlaceholderPage


@dataclass(frozen=True)
class PageSpec:
    key: str
    title: str
    icon: QStyle.StandardPixmap
    factory: Callable[[AppContext], Page]
    points: list[str] = field(default_factory=list)


def _placeholder(title: str, points: list[str]) -> Callable[[AppContext], Page]:
    return lambda ctx: PlaceholderPage(ctx, title, points)


def _home(ctx: AppContext) -> Page:
    from lscp_desktop.ui.pages.home import HomePage

    return HomePage(ctx)


def _membership(ctx: AppContext) -> Page:
    from lscp_desktop.ui.pages.membership.page import MembershipPage

    return MembershipPage(ctx)


def _meetings(ctx: AppContext) -> Page:
    from lscp_desktop.ui.pages.meetings.page import MeetingsPage

    return MeetingsPage(ctx)


def _reports(ctx: AppContext) -> Page:
    from lscp_desktop.ui.pages.reports.page import ReportsPage

    return ReportsPage(ctx)


SP = QStyle.StandardPixmap
PAGES: list[PageSpec] = [
    PageSpec("home", "Home", SP.SP_DirHomeIcon, _home),
    PageSpec("membership", "Membership", SP.SP_FileDialogDetailedView, _membership),
    PageSpec("meetings", "Meetings", SP.SP_FileDialogListView, _meetings),
    PageSpec(
        "actions",
        "Actions",
        SP.SP_DialogApplyButton,
        _placeholder(
            "Action logs",
            [
                "One action log per body and one for the whole partnership",
                "Owners, due dates, RAG status and dated progress notes",
                "Chase lists per owner and the actions for the next meeting",
            ],
        ),
    ),
    PageSpec(
        "risks",
        "Risks",
        SP.SP_MessageBoxWarning,
        _placeholder(
            "Risk registers",
            [
                "Strategic and operational registers scored 5 × 5",
                "Inherent, residual and target scores, controls and owners",
                "Reviews with trend, and heat maps",
            ],
        ),
    ),
    PageSpec(
        "finance",
        "Finance",
        SP.SP_DriveHDIcon,
        _placeholder(
            "Budget and contributions",
            [
                "Each agency's agreed contribution per financial year, invoices and payments",
                "Budget lines, spend and reserves",
                "Shares, year-on-year comparison and the Excel funding workbook",
            ],
        ),
    ),
    PageSpec(
        "reviews",
        "Reviews",
        SP.SP_FileDialogInfoView,
        _placeholder(
            "Practice reviews and statutory deadlines",
            [
                "Serious incident notifications, rapid reviews and practice reviews,"
                " by reference code only",
                "Statutory clocks counted in working days",
                "Audits, multi-agency training and the yearly report's dispatch",
            ],
        ),
    ),
    PageSpec("reports", "Reports", SP.SP_FileIcon, _reports),
]
