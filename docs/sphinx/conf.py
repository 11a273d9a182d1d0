# -*- coding: utf-8 -*-
# Copyright: (c) 2026, hwc.cleanup contributors
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)
"""Sphinx configuration of `make docs` (scripts/docs.sh).

The source tree is assembled by scripts/docs.sh: the antsibull-docs reference under reference/,
the Markdown guides of docs/ and index.rst from this directory. The build is offline, so
intersphinx (the Ansible and Python inventories live on the internet) is not loaded.
"""

project = "hwc.cleanup"
project_copyright = "hwc.cleanup contributors"
html_title = "hwc.cleanup documentation"
html_short_title = "hwc.cleanup"

# sphinx_antsibull_ext renders antsibull-docs' directives and roles; myst_parser reads the guides.
extensions = ["sphinx_antsibull_ext", "myst_parser"]
source_suffix = {".rst": "restructuredtext", ".md": "markdown"}
# GitHub-style anchors, so that links such as troubleshooting.md#throttling work here as on GitHub.
myst_heading_anchors = 3

pygments_style = "ansible"
highlight_language = "YAML+Jinja"

html_theme = "sphinx_ansible_theme"
html_show_sphinx = False
html_copy_source = False
html_use_index = False
