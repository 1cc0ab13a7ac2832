"""A light touch of styling over the platform's native look."""

STYLE_SHEET = """
QListWidget#nav {
    background: #f3f5f8;
    border-right: 1px solid #d8dde6;
    font-size: 10.5pt;
    padding-top: 8px;
}
QListWidget#nav::item { padding: 7px 10px; border-radius: 4px; margin: 1px 6px; color: #1f2933; }
QListWidget#nav::item:selected { background: #1d4f91; color: white; }
QListWidget#nav::item:hover:!selected { background: #e2e8f0; }
QLabel#banner {
    background: #fff4ce;
    border-bottom: 1px solid #e6d28a;
    color: #3d3200;
    padding: 8px 14px;
}
QLabel#demoBanner {
    background: #e3ecfa;
    border-bottom: 1px solid #9db7e0;
    color: #1d3a66;
    padding: 7px 14px;
}
QLabel#pageTitle { font-size: 15pt; font-weight: 600; color: #1f2933; padding-bottom: 4px; }
QLabel#sectionTitle { font-size: 11pt; font-weight: 600; color: #1f2933; }
QLabel#muted { color: #5f6b7a; }
QFrame#card { background: white; border: 1px solid #d8dde6; border-radius: 6px; }
QLabel#cardNumber { font-size: 20pt; font-weight: 600; color: #1d4f91; }
QLabel#cardNumber[small="true"] { font-size: 15pt; }
QLabel#cardNumber[overdue="true"] { color: #a4262c; }
QLabel#cardLabel { color: #5f6b7a; }
QTreeWidget#attention::item { padding: 3px 2px; }
QTableView { gridline-color: #e3e7ee; selection-background-color: #cfe0f7; selection-color: #111; }
QHeaderView::section { background: #f3f5f8; padding: 4px 4px; border: none;
    border-bottom: 1px solid #d8dde6; border-right: 1px solid #e3e7ee; font-weight: 600; }
"""
