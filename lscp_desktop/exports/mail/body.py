"""An email's body from its blocks (paragraphs and tables): plain text, and HTML that reads
like a business manager's own email in Outlook (Arial 11pt, a plain bordered table, the RAG
column in words and colour)."""

from __future__ import annotations

from html import escape

from lscp_desktop.exports.safe import clean_text
from lscp_desktop.models.correspondence.records import Block, Table

_FONT = "font-family:Arial,Helvetica,sans-serif;font-size:11pt;color:#1f1f1f"
_CELL = "border:1px solid #a6a6a6;padding:4px 8px;vertical-align:top;text-align:left"
#: The RAG words' colours (text on a pale fill, readable printed in grey too).
_RAG = {
    "Red": "#f4cccc",
    "Amber": "#fce5cd",
    "Green": "#d9ead3",
    "Complete": "#cfe2f3",
}


def text_body(blocks: list[Block], sign_off: list[str], marking: str = "") -> str:
    parts: list[str] = [marking] if marking else []
    for block in blocks:
        parts.append(_text_table(block) if isinstance(block, Table) else clean_text(block))
    parts.append("\n".join(sign_off))
    if marking:
        parts.append(marking)
    return "\n\n".join(parts) + "\n"


def _text_table(table: Table) -> str:
    lines = []
    for row in table.rows:
        cells = [f"{h}: {clean_text(c)}" for h, c in zip(table.headings, row, strict=True) if c]
        lines.append("- " + "; ".join(cells))
    return "\n".join(lines)


def html_body(blocks: list[Block], sign_off: list[str], marking: str = "") -> str:
    parts: list[str] = []
    if marking:
        parts.append(f'<p style="{_FONT};font-weight:bold">{escape(marking)}</p>')
    for block in blocks:
        parts.append(_html_table(block) if isinstance(block, Table) else _paragraph(block))
    parts.append(_paragraph("\n".join(sign_off)))
    if marking:
        parts.append(f'<p style="{_FONT};font-weight:bold">{escape(marking)}</p>')
    body = "\n".join(parts)
    return (
        '<!DOCTYPE html>\n<html lang="en-GB">\n<head><meta charset="utf-8">'
        "<title></title></head>\n"
        f'<body style="{_FONT}">\n{body}\n</body>\n</html>\n'
    )


def _paragraph(text: str) -> str:
    lines = clean_text(text).split("\n")
    if len(lines) > 1 and all(line.startswith("• ") for line in lines):
        items = "".join(f"<li>{escape(line[2:])}</li>" for line in lines)
        return f'<ul style="{_FONT};margin-top:0">{items}</ul>'
    return f'<p style="{_FONT};margin:0 0 11pt 0">' + "<br>".join(map(escape, lines)) + "</p>"


def _html_table(table: Table) -> str:
    head = "".join(
        f'<th nowrap style="{_CELL};white-space:nowrap;background:#d9d9d9;font-weight:bold">'
        f"{escape(h)}</th>"
        for h in table.headings
    )
    rag_column = table.headings.index("RAG") if "RAG" in table.headings else -1
    # The longest column wraps; the others (references, dates, RAG) keep to one line (the
    # nowrap attribute too: LibreOffice ignores the CSS alone, and Outlook's Word engine may).
    widest = max(
        range(len(table.headings)),
        key=lambda i: max((len(r[i]) for r in table.rows), default=0),
        default=0,
    )
    rows = []
    for row in table.rows:
        cells = []
        for i, value in enumerate(row):
            style = _CELL if i == widest else _CELL + ";white-space:nowrap"
            nowrap = "" if i == widest else " nowrap"
            if i == rag_column:
                fill = _RAG.get(value.split(" ")[0])
                if fill:
                    style += f";background:{fill}"
            cells.append(f'<td{nowrap} style="{style}">{escape(clean_text(value))}</td>')
        rows.append("<tr>" + "".join(cells) + "</tr>")
    return (
        f'<table style="{_FONT};border-collapse:collapse;margin:0 0 11pt 0" '
        'cellpadding="0" cellspacing="0">'
        f"<thead><tr>{head}</tr></thead><tbody>{''.join(rows)}</tbody></table>"
        f'<p style="{_FONT};margin:0">&nbsp;</p>'
    )
