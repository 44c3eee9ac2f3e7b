"""Help ▸ Manual (F1): the documentation shipped with the app (docs/*.md), rendered in the app,
the same pages from a source checkout, an installed wheel or a bundle (io/resources.py)."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QSignalBlocker, Qt, QUrl
from PySide6.QtGui import QTextDocument
from PySide6.QtWidgets import (
    QDialog,
    QListWidget,
    QListWidgetItem,
    QSplitter,
    QTextBrowser,
    QVBoxLayout,
    QWidget,
)

from cellstack.io.resources import docs_dir

FIRST_PAGE = "physics.md"  # what CellStack computes, and how: where a new user starts


def page_title(path: Path) -> str:
    """The page's first "# " heading, or its file name."""
    try:
        with path.open(encoding="utf-8") as handle:
            for line in handle:
                if line.startswith("# "):
                    return line[2:].strip()
    except (OSError, UnicodeDecodeError):
        pass
    return path.stem


def manual_pages(folder: Path | None = None) -> list[Path]:
    """The pages in reading order: the physics first, then by file name."""
    pages = sorted((folder or docs_dir()).glob("*.md"))
    return sorted(pages, key=lambda p: (p.name != FIRST_PAGE, p.name))


class ManualWindow(QDialog):
    """Pages on the left, the page on the right; links between pages and to images work, links
    to the web open in the browser."""

    def __init__(self, parent: QWidget | None = None, folder: Path | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("manualWindow")
        self.setWindowTitle("CellStack manual")
        self.setModal(False)
        self.pages = QListWidget()
        self.pages.setObjectName("manualPages")
        self.browser = QTextBrowser()
        self.browser.setObjectName("manualText")
        self.browser.setOpenExternalLinks(True)
        try:
            found = manual_pages(folder)
        except FileNotFoundError as exc:  # a damaged installation: say so in the window
            found = []
            self.browser.setPlainText(str(exc))
        for path in found:
            item = QListWidgetItem(page_title(path))
            item.setData(Qt.ItemDataRole.UserRole, str(path))
            item.setToolTip(path.name)
            self.pages.addItem(item)
        self.pages.setWordWrap(True)  # long titles wrap instead of hiding behind a scroll bar
        self.pages.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.pages.currentItemChanged.connect(self._show_item)
        self.browser.sourceChanged.connect(self._follow_link)
        splitter = QSplitter(Qt.Orientation.Horizontal)
        splitter.addWidget(self.pages)
        splitter.addWidget(self.browser)
        splitter.setSizes([260, 740])
        QVBoxLayout(self).addWidget(splitter)
        self.resize(1000, 640)  # fits 1366 x 768 with the title bar
        if found:
            self.pages.setCurrentRow(0)

    def _show_item(self, item: QListWidgetItem | None) -> None:
        if item is not None:
            self.show_page(Path(str(item.data(Qt.ItemDataRole.UserRole))))

    def show_page(self, path: Path) -> None:
        # As a Markdown resource with its own URL, so relative links (other pages, images) resolve.
        self.browser.setSource(QUrl.fromLocalFile(str(path)), QTextDocument.ResourceType.MarkdownResource)

    def _follow_link(self, url: QUrl) -> None:
        """A link to another page moves the list's selection with it."""
        shown = url.toLocalFile()
        for row in range(self.pages.count()):
            item = self.pages.item(row)
            if item is not None and item.data(Qt.ItemDataRole.UserRole) == shown:
                with QSignalBlocker(self.pages):
                    self.pages.setCurrentRow(row)
                return

    def page_text(self) -> str:
        return self.browser.toPlainText()
