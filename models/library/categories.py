"""The reader's colour categories for highlights, in the order the reader gave them."""

from __future__ import annotations

from models.library.connection import Part


class Categories(Part):
    """Category name to colour, kept as one ordered list."""

    def all(self) -> dict[str, str]:
        return dict(self.conn.execute("SELECT name, color FROM categories ORDER BY position").fetchall())

    def replace(self, colors: dict[str, str]) -> None:
        """The whole list at once (the reader edits, reorders and removes categories in one dialog)."""
        with self.c.write():
            table = self.db.table("categories")
            table.delete_where()
            table.insert_all(
                {"name": name, "color": color, "position": i} for i, (name, color) in enumerate(colors.items())
            )

    def add_missing(self, colors: dict[str, str]) -> None:
        """Append the categories not known yet (an import brings its own), keeping the reader's."""
        current = self.all()
        added = {name: color for name, color in colors.items() if name not in current}
        if added:
            self.replace({**current, **added})
