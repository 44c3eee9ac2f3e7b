"""The materials palette: the library grouped by role, searchable, draggable onto the stack."""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtCore import (
    QMimeData,
    QModelIndex,
    QPersistentModelIndex,
    QPoint,
    QSize,
    QSortFilterProxyModel,
    Qt,
)
from PySide6.QtGui import QStandardItem, QStandardItemModel
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHeaderView,
    QLineEdit,
    QMenu,
    QTreeView,
    QVBoxLayout,
    QWidget,
)

from cellstack.core import units as u
from cellstack.core.material import Material, Role
from cellstack.gui.document import Document
from cellstack.gui.mime import MATERIAL_MIME, material_mime
from cellstack.gui.theme import ROLE_LABELS, role_colour
from cellstack.io.user_library import USER_ORIGIN

MATERIAL_ID = Qt.ItemDataRole.UserRole + 1
GROUP_ROLE = Qt.ItemDataRole.UserRole + 2
SEARCH_TEXT = Qt.ItemDataRole.UserRole + 3
KEY_NUMBERS_WIDTH = 96


def key_numbers(material: Material, role: Role) -> str:
    """The two or three numbers a designer scans for in this role (the tooltip has them all)."""
    p = material.properties
    parts = []
    if role in (Role.CATHODE, Role.ANODE):
        q = p.capacity_practical_C_kg or p.capacity_theoretical_C_kg
        if q is not None:
            parts.append(f"{q.value / u.MAH_PER_G:.0f} mAh/g")
        if p.voltage_average_V is not None:
            parts.append(f"{p.voltage_average_V.value:.2f} V")
    elif role in (Role.ELECTROLYTE, Role.BUFFER) and p.ionic_conductivity_S_m is not None:
        parts.append(f"{p.ionic_conductivity_S_m.value / u.S_PER_CM:.1e} S/cm")
    if not parts and p.density_kg_m3 is not None:
        parts.append(f"{p.density_kg_m3.value / u.G_PER_CM3:.3g} g/cm³")
    return "  ".join(parts)


def search_text(material: Material, reference_text: dict[str, str]) -> str:
    """What a palette search looks in: names, formula, structure, deposition, the roles (as
    their group headings say them: "substrate" finds the substrates) and the sources."""
    p = material.properties
    values = (p.capacity_practical_C_kg, p.capacity_theoretical_C_kg, p.voltage_average_V,
              p.ionic_conductivity_S_m, p.activation_energy_eV, p.density_kg_m3)  # fmt: skip
    sources = {v.source for v in values if v is not None and v.source}
    roles = [f"{r.value.replace('_', ' ')} {ROLE_LABELS.get(r, '')}" for r in material.roles]
    parts = (material.name, material.formula, material.id, material.category, material.crystal_structure,
             material.deposition_method, *roles, *sorted(sources),
             *(reference_text.get(source, "") for source in sorted(sources)))  # fmt: skip
    return " ".join(part for part in parts if part).lower()


def tooltip(material: Material, reference_text: dict[str, str]) -> str:
    lines = [f"<b>{material.name}</b>"]
    if material.formula:
        lines.append(f"{material.formula} — {material.category}" if material.category else material.formula)
    if material.description:
        lines.append(f"<i>{material.description}</i>")
    p = material.properties
    rows = []
    for label, value, unit, factor in (
        ("Practical capacity", p.capacity_practical_C_kg, "mAh/g", u.MAH_PER_G),
        ("Theoretical capacity", p.capacity_theoretical_C_kg, "mAh/g", u.MAH_PER_G),
        ("Average voltage", p.voltage_average_V, "V vs Li", 1.0),
        ("Ionic conductivity", p.ionic_conductivity_S_m, "S/cm", u.S_PER_CM),
        ("Activation energy", p.activation_energy_eV, "eV", 1.0),
        ("Density", p.density_kg_m3, "g/cm³", u.G_PER_CM3),
    ):
        if value is None:
            continue
        estimate = " (estimate)" if value.is_estimate else ""
        condition = f", {value.condition}" if value.condition else ""
        source = reference_text.get(value.source, value.source)
        rows.append(
            f"{label}: {value.value / factor:.4g} {unit}{condition}{estimate}<br>"
            f"<small>&nbsp;&nbsp;[{value.source}] {source[:140]}</small>"
        )
    return "<br>".join(lines + rows)


MY_MATERIALS = "My materials"
MY_GROUP = "mine"  # GROUP_ROLE of the user's group (its entries carry their main role)
YOURS_MARK = "★ "  # before the name: a long name is elided at its end


def _entry(material: Material, role: Role, references: dict[str, str]) -> list[QStandardItem]:
    yours = material.origin == USER_ORIGIN  # the user's own, saved in their folder
    name = QStandardItem(YOURS_MARK + material.name if yours else material.name)
    name.setData(material.id, MATERIAL_ID)
    name.setData(role.value, GROUP_ROLE)
    search = search_text(material, references) + (" yours mine my materials" if yours else "")
    name.setData(search, SEARCH_TEXT)
    yours_line = "<br><small>★ yours: in your materials folder (right-click to edit)</small>" if yours else ""
    name.setToolTip(tooltip(material, references) + yours_line)
    name.setFlags(Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable | Qt.ItemFlag.ItemIsDragEnabled)
    numbers = QStandardItem(key_numbers(material, role))
    numbers.setData(material.id, MATERIAL_ID)
    numbers.setData(search, SEARCH_TEXT)
    numbers.setFlags(name.flags())
    numbers.setToolTip(name.toolTip())
    return [name, numbers]


def _layer_role(material: Material) -> Role:
    """The role a double-click adds the material in: its first that a layer can have."""
    return next((r for r in material.roles if r is not Role.ADDITIVE), material.main_role)


class _PaletteModel(QStandardItemModel):
    """The user's own materials first, in a group of their own; then the installed ones by role."""

    def __init__(self, document: Document) -> None:
        super().__init__()
        self.setHorizontalHeaderLabels(["Material", "Key numbers"])
        references = {key: ref.text for key, ref in document.library.references.items()}
        library = document.library.materials.values()
        mine = sorted((m for m in library if m.origin == USER_ORIGIN), key=lambda m: m.name.lower())
        if mine:
            group = QStandardItem(f"{MY_MATERIALS} ({len(mine)})")
            group.setData(MY_GROUP, GROUP_ROLE)
            group.setToolTip("Your own materials, kept in your materials folder")
            font = group.font()
            font.setBold(True)
            group.setFont(font)
            group.setFlags(Qt.ItemFlag.ItemIsEnabled)
            for material in mine:
                group.appendRow(_entry(material, _layer_role(material), references))
            self.appendRow([group, QStandardItem()])
        for role in Role:
            if role is Role.ADDITIVE:
                continue  # additives go into composites, not into the stack as layers
            materials = [m for m in document.library.by_role(role) if m.origin != USER_ORIGIN]
            group = QStandardItem(f"{ROLE_LABELS[role]} ({len(materials)})")
            group.setData(role.value, GROUP_ROLE)
            group.setForeground(role_colour(role))
            group.setFlags(Qt.ItemFlag.ItemIsEnabled)
            for material in materials:
                group.appendRow(_entry(material, role, references))
            self.appendRow([group, QStandardItem()])

    def mimeTypes(self) -> list[str]:
        return [MATERIAL_MIME]

    def mimeData(self, indexes: Sequence[QModelIndex]) -> QMimeData:
        for index in indexes:
            material_id = index.data(MATERIAL_ID)
            if isinstance(material_id, str):
                return material_mime(material_id)
        return QMimeData()


class _SearchFilter(QSortFilterProxyModel):
    def __init__(self) -> None:
        super().__init__()
        self.setRecursiveFilteringEnabled(True)
        self._words: list[str] = []

    def set_query(self, text: str) -> None:
        self.beginFilterChange()
        self._words = text.lower().split()
        self.endFilterChange(QSortFilterProxyModel.Direction.Rows)

    def filterAcceptsRow(self, row: int, parent: QModelIndex | QPersistentModelIndex) -> bool:
        if not self._words:
            return True
        index = self.sourceModel().index(row, 0, parent)
        haystack = index.data(SEARCH_TEXT)
        return isinstance(haystack, str) and all(word in haystack for word in self._words)


class MaterialsPalette(QWidget):
    """Search box over a tree of materials; drag an entry or double-click it to add a layer."""

    def __init__(self, document: Document) -> None:
        super().__init__()
        self.setObjectName("materialsPalette")
        self.document = document
        self.search = QLineEdit(placeholderText="Search name, formula, role, source…")
        self.search.setObjectName("materialSearch")
        self.search.setClearButtonEnabled(True)
        self.model = _PaletteModel(document)
        self.proxy = _SearchFilter()
        self.proxy.setSourceModel(self.model)
        self.tree = QTreeView()
        self.tree.setObjectName("materialTree")
        self.tree.setModel(self.proxy)
        self.tree.setDragEnabled(True)
        self.tree.setDragDropMode(QAbstractItemView.DragDropMode.DragOnly)
        self.tree.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.tree.setUniformRowHeights(True)
        # The names take what the key numbers leave, elided with "…"; a fixed name column pushed
        # the numbers past the dock's edge, cut without an ellipsis behind a scroll bar.
        header = self.tree.header()
        header.setStretchLastSection(False)
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        header.setSectionResizeMode(1, QHeaderView.ResizeMode.Interactive)
        header.resizeSection(1, KEY_NUMBERS_WIDTH)  # the capacity shows; the tooltip has the rest
        self.tree.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.tree.setTextElideMode(Qt.TextElideMode.ElideRight)
        self.tree.setAlternatingRowColors(True)
        self.tree.expandToDepth(0)
        self.tree.doubleClicked.connect(self._add)
        self.tree.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)
        self.tree.customContextMenuRequested.connect(self._context_menu)
        self.search.textChanged.connect(self._filter)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(4, 4, 4, 4)
        layout.addWidget(self.search)
        layout.addWidget(self.tree)

    def reload(self) -> None:
        """Read the document's library again (a material was saved to the user's folder)."""
        self.model = _PaletteModel(self.document)
        self.proxy.setSourceModel(self.model)
        self.tree.expandToDepth(0)

    def sizeHint(self) -> QSize:
        return QSize(340, 600)

    def _filter(self, text: str) -> None:
        self.proxy.set_query(text)
        self.tree.expandAll() if text else self.tree.expandToDepth(0)

    def _add(self, index: QModelIndex) -> None:
        material_id = index.data(MATERIAL_ID)
        if not isinstance(material_id, str):
            return
        material = self.document.library.material(material_id)
        role = Role(index.data(GROUP_ROLE))
        if role is Role.ADDITIVE:
            return  # an additive goes into a composite (the layer editor), not into the stack
        self.document.insert_material(self.document.natural_index(material), material, role)

    def entry_menu(self, index: QModelIndex) -> QMenu:
        """Duplicate any entry to the user's materials; edit or delete one of theirs; or start a
        new material (in the role of the group the menu was opened on)."""
        from cellstack.gui import my_materials

        menu = QMenu(self)
        material_id = index.data(MATERIAL_ID)
        if isinstance(material_id, str):
            material = self.document.library.material(material_id)
            duplicate = menu.addAction("&Duplicate to my materials…")
            document = self.document
            duplicate.triggered.connect(lambda: my_materials.duplicate_material(document, material, self))
            if material.origin == USER_ORIGIN:
                edit = menu.addAction("&Edit…")
                edit.triggered.connect(lambda: my_materials.edit_material(document, material, self))
                delete = menu.addAction("De&lete…")
                delete.triggered.connect(lambda: my_materials.delete_material(document, material, self))
            menu.addSeparator()
        group = index.data(GROUP_ROLE)
        role = Role(group) if group in {r.value for r in Role} else Role.CATHODE
        new = menu.addAction("&New material…")
        new.triggered.connect(lambda: my_materials.new_material(self.document, self, role))
        return menu

    def _context_menu(self, position: QPoint) -> None:
        index = self.tree.indexAt(position)
        self.entry_menu(index).exec(self.tree.viewport().mapToGlobal(position))

    def material_ids(self) -> list[str]:
        """Ids currently shown (for tests and accessibility tools)."""
        shown = []
        for g in range(self.proxy.rowCount()):
            group = self.proxy.index(g, 0)
            for r in range(self.proxy.rowCount(group)):
                shown.append(self.proxy.index(r, 0, group).data(MATERIAL_ID))
        return shown
