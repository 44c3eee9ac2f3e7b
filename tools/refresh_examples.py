"""Re-embed the library's current material records into the shipped example projects.

    python tools/refresh_examples.py

Run it after changing a material the examples use; tests/io/test_project_files.py fails until then.
"""

from __future__ import annotations

from dataclasses import replace

from cellstack.core.material import Material
from cellstack.io.library import default_library
from cellstack.io.project import Project, load_project, save_project
from cellstack.io.resources import examples_dir


def refreshed(project: Project) -> Project:
    """The same project with every material replaced by the library's record of that id."""
    library = default_library()

    def fresh(material: Material) -> Material:
        return library.materials.get(material.id, material)

    def maybe(material: Material | None) -> Material | None:
        return fresh(material) if material is not None else None

    layers = []
    for layer in project.stack.layers:
        composite = layer.composite
        if composite is not None:
            composite = replace(
                composite,
                electrolyte=fresh(composite.electrolyte),
                additive=maybe(composite.additive),
                coating=maybe(composite.coating),
            )
        layers.append(replace(layer, material=fresh(layer.material), composite=composite))
    stack = replace(project.stack, layers=tuple(layers), plated_anode=maybe(project.stack.plated_anode))
    return replace(project, stack=stack)


def main() -> None:
    library = default_library()
    for path in sorted(examples_dir().glob("*.cellstack")):
        project = load_project(path, library)
        # A file without embedded materials resolves them from the library on load.
        save_project(refreshed(project), path)
        print(f"refreshed {path.name}")


if __name__ == "__main__":
    main()
