# -*- coding: utf-8 -*-
# Copyright: (c) 2026, hwc.cleanup contributors
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)
"""Sphinx configuration of `make docs` (scripts/docs.sh).

The source tree is assembled by scripts/docs.sh as a checkout lays it out: the Markdown guides under docs/, the
roles' READMEs under roles/, the antsibull-docs reference under reference/, changelog.rst and index.rst from this
directory. The build is offline: links into Ansible's own docs resolve through ansible-objects.inv, which docs.sh
writes from ansible-objects.txt beside this file.
"""

project = "hwc.cleanup"
project_copyright = "hwc.cleanup contributors"
html_title = "hwc.cleanup documentation"
html_short_title = "hwc.cleanup"

# sphinx_antsibull_ext renders antsibull-docs' directives and roles; myst_parser reads the guides.
extensions = ["sphinx_antsibull_ext", "myst_parser", "sphinx.ext.intersphinx"]
source_suffix = {".rst": "restructuredtext", ".md": "markdown"}
# GitHub-style anchors, so that links such as troubleshooting.md#throttling work here as on GitHub.
myst_heading_anchors = 3

pygments_style = "ansible"
highlight_language = "YAML+Jinja"

html_theme = "sphinx_ansible_theme"
html_show_sphinx = False
html_copy_source = False
html_use_index = False

# The pages link to the devel docs, as antsibull-docs' own sites do; the inventory is the local listing, no download.
intersphinx_mapping = {"ansible_devel": ("https://docs.ansible.com/ansible/devel/", "ansible-objects.inv")}
intersphinx_disabled_reftypes = []


def _link_the_logo_to_this_site(app, pagename, templatename, context, doctree):
    """The theme links its logo to a fixed URL (docs.ansible.com's "/"): here, this site's start page, relative."""
    context["theme_documentation_home_url"] = context["pathto"]("index")


def setup(app):
    app.connect("html-page-context", _link_the_logo_to_this_site)
